// The console's shell: checks the session, shows the login or the header, navigation and the page
// the address names (#/panel, #/feed, #/conflicts, #/conflicts/<id>, #/tills, #/audit, #/settings,
// #/accounts, #/stats); store managers see only their store's read-only pages (services/roles.ts). Provides the console context
// (API, user, language). A 401 anywhere ends the session: back to the login, saying why.
import { provide } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { HashChangeController } from '../controllers/hash-change-controller.js';
import { rememberLocale, storedLocale, translator, type Locale, type MessageKey } from '../i18n/translate.js';
import { Api, type SessionUser } from '../services/api.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { shared } from './shared-styles.js';
import './admin-login.js';
import './admin-panel.js';
import './conflict-queue.js';
import './conflict-detail.js';
import './audit-page.js';
import './change-feed.js';
import './tills-page.js';
import './settings-page.js';
import './accounts-page.js';
import './stats-page.js';
import { isChainAdmin } from '../services/roles.js';
import { MANAGER_PAGES, routeOf, type Page, type Route } from '../services/route.js';

@customElement('admin-app')
export class AdminApp extends LitElement {
  static override styles = [shared, css`
    header { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; padding: 0.6rem 1.2rem; background: #1f2d3a; color: #fff; }
    header .brand { font-weight: 700; margin-right: auto; }
    header button.quiet { background: transparent; color: #fff; border-color: #fff; }
    nav { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; padding: 0.5rem 1.2rem; background: #fff; border-bottom: 1px solid #dde2e7; }
    nav a { padding: 0.3rem 0.2rem; text-decoration: none; }
    nav a[aria-current='page'] { font-weight: 700; border-bottom: 3px solid #1f4e79; }
    nav .ops { margin-left: auto; }
    main { padding: 1.2rem; }
  `];

  private readonly api = new Api(() => this.expired());
  @state() private user: SessionUser | null = null;
  @state() private checked = false;
  @state() private notice: MessageKey | undefined;
  @state() private route: Route = routeOf(location.hash);
  @state() private fauxtonUrl = '';

  @provide({ context: consoleContext })
  @state()
  ctx: ConsoleContext = this.contextFor(storedLocale());

  private readonly address = new HashChangeController(this, () => { this.route = routeOf(location.hash); });

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  private contextFor(locale: Locale): ConsoleContext {
    return { api: this.api, user: this.user, locale, t: translator(locale) };
  }

  private async start(): Promise<void> {
    document.documentElement.lang = this.ctx.locale;
    this.user = await this.api.current().catch(() => null);
    this.ctx = this.contextFor(this.ctx.locale);
    this.checked = true;
    this.readFauxton();
  }

  /** Fauxton's address is for chain admins only (GET /api/console): asked once one is signed in. */
  private readFauxton(): void {
    this.fauxtonUrl = '';
    if (!isChainAdmin(this.user)) return;
    this.api.request<{ fauxtonUrl: string }>('GET', '/console').then((c) => { this.fauxtonUrl = c.fauxtonUrl; })
      .catch((err: unknown) => console.warn('Fauxton link unavailable (/api/console):', err));
  }

  private expired(): void {
    if (this.user === null) return;
    this.user = null;
    this.notice = 'login.expired';
    this.ctx = this.contextFor(this.ctx.locale);
  }

  private loggedIn(e: CustomEvent<SessionUser>): void {
    this.user = e.detail;
    this.notice = undefined;
    this.ctx = this.contextFor(this.ctx.locale);
    this.readFauxton();
  }

  private async logOut(): Promise<void> {
    await this.api.logOut().catch((err: unknown) => console.warn('logout request failed; the console forgets the session anyway:', err));
    this.user = null;
    this.notice = 'login.loggedOut';
    this.ctx = this.contextFor(this.ctx.locale);
  }

  private switchLanguage(): void {
    const next: Locale = this.ctx.locale === 'en' ? 'es-MX' : 'en';
    rememberLocale(next);
    document.documentElement.lang = next;
    this.ctx = this.contextFor(next);
  }

  override render() {
    const { t } = this.ctx;
    const lang = html`<button class="quiet" data-testid="lang" title=${t('lang.label')} lang=${this.ctx.locale === 'en' ? 'es-MX' : 'en'} @click=${this.switchLanguage}>${t('lang.other')}</button>`;
    if (!this.checked) return html`<main><p>${t('app.loading')}</p></main>`;
    if (this.user === null) {
      return html`<header><span class="brand">${t('app.brand')}</span>${lang}</header>
        <main><admin-login .notice=${this.notice} @logged-in=${this.loggedIn}></admin-login></main>`;
    }
    const admin = isChainAdmin(this.user);
    const link = (href: string, page: Page, key: MessageKey) => {
      if (!admin && !MANAGER_PAGES.has(page)) return '';
      const current = this.route.page === page || (page === 'conflicts' && this.route.page === 'conflict');
      return html`<a href=${href} aria-current=${current ? 'page' : 'false'}>${t(key)}</a>`;
    };
    return html`
      <header>
        <span class="brand">${t('app.brand')}</span>
        <span data-testid="user">${t('user.signedIn', { name: this.user.name })}</span>
        ${lang}
        <button class="quiet" data-testid="logout" @click=${this.logOut}>${t('user.logout')}</button>
      </header>
      <nav aria-label=${t('nav.label')}>
        ${link('#/panel', 'panel', 'nav.panel')}
        ${link('#/feed', 'feed', 'nav.feed')}
        ${link('#/conflicts', 'conflicts', 'nav.conflicts')}
        ${link('#/tills', 'tills', 'nav.tills')}
        ${link('#/audit', 'audit', 'nav.audit')}
        ${link('#/settings', 'settings', 'nav.settings')}
        ${link('#/accounts', 'accounts', 'nav.accounts')}
        ${link('#/stats', 'stats', 'nav.stats')}
        ${admin && this.fauxtonUrl ? html`<a class="ops" data-testid="fauxton" href=${this.fauxtonUrl} title=${t('nav.fauxtonHint', { url: this.fauxtonUrl })} target="_blank" rel="noopener">${t('nav.fauxton')}</a>` : ''}
      </nav>
      <main>${this.page()}</main>`;
  }

  private page() {
    const { route } = this;
    if (route.page !== 'conflict' && !isChainAdmin(this.user) && !MANAGER_PAGES.has(route.page)) return html`<admin-panel></admin-panel>`;
    switch (route.page) {
      case 'feed': return html`<change-feed></change-feed>`;
      case 'conflicts': return html`<conflict-queue></conflict-queue>`;
      case 'conflict': return html`<conflict-detail .conflictId=${route.id}></conflict-detail>`;
      case 'tills': return html`<tills-page></tills-page>`;
      case 'audit': return html`<audit-page></audit-page>`;
      case 'settings': return html`<settings-page></settings-page>`;
      case 'accounts': return html`<accounts-page></accounts-page>`;
      case 'stats': return html`<stats-page></stats-page>`;
      default: return html`<admin-panel></admin-panel>`;
    }
  }
}
