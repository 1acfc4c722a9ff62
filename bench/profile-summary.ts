/**
 * Summarizes a V8 CPU profile (`node --cpu-prof`, or BENCH_PROFILE=kontor npm run bench): the functions with
 * the most self time, and inclusive time by package / project folder, so it is plain where a request spends
 * its time.
 *
 *   node --import tsx bench/profile-summary.ts <file.cpuprofile> [top=25] [focus substring]
 *
 * With a focus substring (e.g. `createRecord`), only samples whose stack contains a frame whose function name
 * or URL contains it are counted, and the inclusive view lists the functions below it.
 * Samples before the first and after the last HTTP request (start-up: module loading, schema sync; shut-down)
 * are skipped unless `--all`.
 */
import { readFileSync } from 'node:fs';

interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: Frame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const args = process.argv.slice(2);
const all = args.includes('--all');
const [file, topText = '25', focus] = args.filter((a) => a !== '--all');
if (!file) {
  console.error('usage: profile-summary.ts <file.cpuprofile> [top] [focus] [--all]');
  process.exit(2);
}
const top = Number(topText);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const cwd = process.cwd();
function where(frame: Frame): string {
  const url = frame.url.replace(/^file:\/\//, '');
  if (!url) return '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return url;
  return url.startsWith(cwd) ? url.slice(cwd.length + 1).split('/').slice(0, 2).join('/') : url;
}
const label = (frame: Frame) => `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^file:\/\//, '').replace(`${cwd}/`, '')}:${frame.lineNumber + 1}`;

const stack = (id: number): ProfileNode[] => {
  const frames: ProfileNode[] = [];
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) frames.push(byId.get(at)!);
  return frames;
};

const self = new Map<string, number>();
const selfByPackage = new Map<string, number>();
const inclusive = new Map<string, number>();
const inclusiveFn = new Map<string, number>();
let total = 0;
let idle = 0;
let skipped = 0;
let serving = all;
const isHttp = (frames: ProfileNode[]) => frames.some((f) => f.callFrame.functionName === 'parserOnHeadersComplete' || f.callFrame.functionName === 'parserOnIncoming');
// Shut-down (closing the database checkpoints the WAL) comes after the last request: not counted either.
let last = profile.samples.length - 1;
if (!all) while (last > 0 && !isHttp(stack(profile.samples[last]!))) last--;
for (const [i, sample] of profile.samples.entries()) {
  if (i > last) {
    skipped += profile.timeDeltas[i] ?? 0;
    continue;
  }
  const dt = profile.timeDeltas[i] ?? 0;
  const frames = stack(sample);
  const leaf = frames[0]!.callFrame;
  if (!serving) serving = isHttp(frames);
  if (!serving) {
    skipped += dt;
    continue;
  }
  if (leaf.functionName === '(idle)') {
    idle += dt;
    continue;
  }
  let counted = frames;
  if (focus) {
    const at = frames.findIndex((f) => f.callFrame.functionName.includes(focus) || f.callFrame.url.includes(focus));
    if (at < 0) continue;
    counted = frames.slice(0, at + 1);
  }
  total += dt;
  self.set(label(leaf), (self.get(label(leaf)) ?? 0) + dt);
  // Native leaves (a syscall, a SQLite call) count for the JavaScript frame that made them.
  const owner = frames.find((f) => f.callFrame.url !== '') ?? frames[0]!;
  const ownerKey = owner === frames[0] ? where(leaf) : `${where(owner.callFrame)} (native calls)`;
  const key = leaf.functionName === '(garbage collector)' ? '(garbage collector)' : ownerKey;
  selfByPackage.set(key, (selfByPackage.get(key) ?? 0) + dt);
  for (const key of new Set(counted.map((f) => where(f.callFrame)))) inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
  for (const key of new Set(counted.map((f) => label(f.callFrame)))) inclusiveFn.set(key, (inclusiveFn.get(key) ?? 0) + dt);
}

const ms = (us: number) => (us / 1000).toFixed(0).padStart(7);
const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
const print = (title: string, map: Map<string, number>, n: number) => {
  console.log(`\n${title}`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${ms(us)} ms ${pct(us)}  ${key}`);
};
console.log(
  `${file}: ${(total / 1000).toFixed(0)} ms on CPU${focus ? ` under "${focus}"` : ''}, ${(idle / 1000).toFixed(0)} ms idle` +
    (all ? '' : `, ${(skipped / 1000).toFixed(0)} ms of start-up and shut-down skipped`),
);
print('Self time by function', self, top);
print('Self time by package / folder (native calls counted for their JavaScript caller)', selfByPackage, top);
print('Inclusive time by package / folder', inclusive, top);
print('Inclusive time by function', inclusiveFn, top);
