// `npm run simulate -- --stores N --tills T --minutes M --offline-rate R [--seed S] [--url …] [--json]`
// (central/simulate; exit 0 invariants hold, 1 broken, 64 bad input).
import { simulateCommand } from './simulate-command.js';

process.exit(await simulateCommand(process.argv.slice(2), process.env, { stderr: process.stderr, stdout: process.stdout }));
