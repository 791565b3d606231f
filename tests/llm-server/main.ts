/** Runs the test chat server by hand: `npx tsx tests/llm-server/main.ts [script] [port]` (scripts: see scripts.ts). */
import { SCRIPTS, isRewrite } from './scripts.js';
import { LlmTestServer } from './server.js';

const [name = 'invented-number', port = '11435'] = process.argv.slice(2);
const script = SCRIPTS[name];
if (!script) {
  console.error(`unknown script ${name}; one of: ${Object.keys(SCRIPTS).join(', ')}`);
  process.exit(1);
}
const server = await new LlmTestServer().start(Number(port));
server.respond = (r) => (isRewrite(r) ? { kind: 'reply', text: r.messages.at(-1)!.content.split('Follow-up question: ')[1] ?? '' } : script(r));
console.log(`chat test server (${name}) at ${server.url}, model test-model; Ctrl-C to stop`);
process.on('SIGINT', () => void server.stop().then(() => process.exit(0)));
