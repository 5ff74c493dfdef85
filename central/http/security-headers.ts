// Security headers on every answer of central (helmet): a Content-Security-Policy the web POS
// runs under (its own scripts and styles only, no inline script, no eval, no framing, no other
// origin), nosniff, frame and referrer policies. `upgrade-insecure-requests` and HSTS only when
// central is served over TLS (COOKIE_SECURE): on plain loopback HTTP they would break the POS.
// https://helmetjs.github.io/
import helmet from 'helmet';

export function securityHeaders(tls: boolean) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(tls ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: tls,
    xFrameOptions: { action: 'deny' },
  });
}
