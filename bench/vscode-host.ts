/**
 * The extension host's own figures: the longest block while a large digest is opened and
 * typed in, and the host's CPU while idle with 1,000 notes files, each beside what the same
 * work costs without this extension (a file that is no digest; a window without it).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, installVsix, startCodeServer, tempDir, workbenchUrl } from '../scripts/code-server.mjs';
import { describeOwners, OURS, summarizeProfile, type CpuProfile, type ProfileSummary } from './cpu-profile';
import { attributeBlocks, OUR_OWNER, type AttributedBlock, type CpuProfile as TimedProfile } from './host-profile';
import { round } from './measure';
import { longestBlock, readProbe, TIMEOUT, waitFor } from './probe-client';
import type { Figure } from './results';

const NOTES_FILES = 1000;
const SETTLE_MS = 5_000;
const IDLE_MS = 60_000;
const PROFILE_MS = 20_000;

type Add = (f: Omit<Figure, 'met'>) => void;

export interface HostWindow {
  page: Page;
  workspace: string;
  probeOut: string;
  quick: boolean;
  log: (m: string) => void;
}

/** A stretch of the host's CPU: wall time and CPU time in ms. */
export interface Stretch {
  ms: number;
  cpuMs: number;
}

export interface IdleMeasure {
  /** The stretches before the notes files were written, until the host was quiet. */
  before: Stretch[];
  settling: Stretch[];
  idle: Stretch;
  /** A CPU profile of the settling, from writing the notes files until the host was quiet. */
  settleProfile: ProfileSummary;
  profile: ProfileSummary;
}

const share = (stretch: Stretch) => round((100 * stretch.cpuMs) / stretch.ms, 2);

/** The host's CPU over the next `ms`, the probe's own timers stopped. */
async function cpuStretch(host: HostWindow, ms: number): Promise<Stretch> {
  const nth = readProbe(host.probeOut)?.cpu?.length ?? 0;
  writeFileSync(`${host.probeOut}.cpu`, String(ms));
  return waitFor(() => readProbe(host.probeOut)?.cpu?.[nth], "the probe's CPU reading", ms + TIMEOUT);
}

/** 5 s stretches until one uses at most 2 % of a core, or a minute has gone: what was under way is over. */
async function untilQuiet(host: HostWindow): Promise<Stretch[]> {
  const stretches: Stretch[] = [];
  do stretches.push(await cpuStretch(host, SETTLE_MS));
  while (stretches.length < 12 && share(stretches[stretches.length - 1]) > 2);
  return stretches;
}

/** A CPU profile of the host while `work` runs (the probe's inspector session), summed by owner. */
async function profiled(host: HostWindow, name: string, work: () => Promise<void>): Promise<ProfileSummary> {
  return summarizeProfile(await profileOf(host, name, work));
}

async function profileOf(host: HostWindow, name: string, work: () => Promise<void>): Promise<CpuProfile> {
  const path = join(host.probeOut.replace(/[^/]*$/, ''), `${name}.cpuprofile`);
  const before = readProbe(host.probeOut)?.profiles?.length ?? 0;
  writeFileSync(`${host.probeOut}.profile`, path);
  await waitFor(() => !existsSync(`${host.probeOut}.profile`), 'the probe to start profiling');
  await work();
  writeFileSync(`${host.probeOut}.profile`, path);
  await waitFor(() => (readProbe(host.probeOut)?.profiles?.length ?? 0) > before, 'the probe to write its profile');
  return JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
}

// ---------------------------------------------------------------- opening and typing

interface OpenAndType {
  openMs: number;
  typeMs: number;
  /** The wall-clock stretches the two were measured over. */
  open: [number, number];
  type: [number, number];
}

/** Opens `name` through Quick Open, then types at its end: the longest block of each phase. */
async function openAndType(host: HostWindow, name: string): Promise<OpenAndType> {
  try {
    return await openAndTypeIn(host, name);
  } catch (error) {
    const shot = join(host.probeOut.replace(/[^/]*$/, ''), `failed-${name}.png`);
    await host.page.screenshot({ path: shot }).catch(() => undefined);
    host.log(`    opening ${name} failed; the window then: ${shot} (kept with PAPER_READER_KEEP=1)`);
    throw error;
  }
}

async function openAndTypeIn(host: HostWindow, name: string): Promise<OpenAndType> {
  const { page } = host;
  await page.locator('.monaco-workbench').focus();
  await page.keyboard.press('Control+P');
  await page.keyboard.type(name, { delay: 10 });
  const row = page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: name }).first();
  await row.waitFor({ timeout: TIMEOUT });
  // The list can still change under the first results: the row is clicked, not the first one taken.
  await page.waitForTimeout(500);
  const openFrom = Date.now();
  await row.click();
  await page.locator('.tabs-container .tab.active').filter({ hasText: name }).waitFor({ timeout: TIMEOUT });
  // What the open sets going (parses, diagnostics, tokens, the outline) has time to finish.
  await page.waitForTimeout(3000);
  const openTo = Date.now();
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+End');
  const typeFrom = Date.now();
  await page.keyboard.type(' Typed while the host is watched.', { delay: 40 });
  await page.waitForTimeout(2000);
  const typeTo = Date.now();
  await page.keyboard.press('F1');
  await page.keyboard.type('View: Revert and Close Editor', { delay: 10 });
  await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'Revert and Close Editor' }).first().waitFor({ timeout: TIMEOUT });
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1000);
  const measured: OpenAndType = {
    openMs: longestBlock(host.probeOut, openFrom, openTo),
    typeMs: longestBlock(host.probeOut, typeFrom, typeTo),
    open: [openFrom, openTo],
    type: [typeFrom, typeTo],
  };
  host.log(`    ${name}: longest block ${measured.openMs} ms opening, ${measured.typeMs} ms typing`);
  return measured;
}

interface OwnPhase {
  blocks: number;
  /** The most of this extension's sampled time inside one block. */
  ownMs: number;
  /** That block's length and the owner with the most samples in it. */
  inBlockMs: number;
  mainOwner: string;
  longestMs: number;
  longestOwner: string;
}

interface OwnBlocks {
  open: OwnPhase;
  type: OwnPhase;
}

const ownerName = (owner: string): string => (owner.startsWith(OUR_OWNER) ? OURS : owner.replace(/^extension:/, ''));

/**
 * The probe's blocks in the open and the typing of a profiled run, each laid over the profile:
 * how long this extension's own code held the host in one block (a timer cannot tell whose
 * work a block was; the profile's stacks can).
 */
function ownBlocks(host: HostWindow, profile: CpuProfile, run: OpenAndType): OwnBlocks {
  const probe = readProbe(host.probeOut);
  if (!probe) throw new Error("the probe's report could not be read");
  // A profile the probe could not take is written as {}.
  if (!profile.nodes || !profile.samples || !profile.timeDeltas || !('startTime' in profile)) throw new Error('the CPU profile of the digest\'s open and typing is empty');
  const timed = profile as TimedProfile;
  const phase = ([from, to]: [number, number]): OwnPhase => {
    const blocks = probe.blocks.filter(([at]) => at >= from && at <= to);
    const attributed = attributeBlocks(timed, probe.clock, blocks);
    const ours = (block: AttributedBlock) => Object.entries(block.by).reduce((sum, [owner, ms]) => sum + (owner.startsWith(OUR_OWNER) ? ms ?? 0 : 0), 0);
    const most = attributed.reduce<AttributedBlock | undefined>((best, block) => (!best || ours(block) > ours(best) ? block : best), undefined);
    const longest = attributed.reduce<AttributedBlock | undefined>((best, block) => (!best || block.ms > best.ms ? block : best), undefined);
    return {
      blocks: blocks.length,
      ownMs: most ? Math.round(ours(most)) : 0,
      inBlockMs: most?.ms ?? 0,
      mainOwner: most ? ownerName(most.main) : 'none',
      longestMs: longest?.ms ?? 0,
      longestOwner: longest ? ownerName(longest.main) : 'none',
    };
  };
  return { open: phase(run.open), type: phase(run.type) };
}

const ABSTRACT = 'We study how long digests are read while the editor stays responsive, with sections parsed as they change. '.repeat(16);

/** 500 papers of a Markdown digest, about 1 MB; without `digest` the same prose with no paper metadata. */
export function largeMarkdown(digest: boolean): string {
  const lines = [digest ? '# Daily Papers — Jan 1, 2030' : '# Reading notes', ''];
  for (let i = 1; i <= 500; i++) {
    lines.push(digest ? `## Paper ${i}: Responsive Parsing of Long Markdown Digests` : `## Section ${i}: on responsive parsing`, '');
    if (digest) lines.push(`${(i % 9) + 2} authors · Dec 31 · ▲ ${i % 97}`, '');
    lines.push(ABSTRACT, '');
  }
  return lines.join('\n');
}

/** 500 papers of a Hugging Face Daily Papers page copied as text, about 1 MB; without `digest` the same prose, no metadata. */
export function largeHfText(digest: boolean): string {
  const lines = digest ? ['Jan 1', ''] : ['Reading notes', ''];
  for (let i = 1; i <= 500; i++) {
    lines.push(digest ? `Responsive Parsing of Long Plain-Text Digests, Part ${i}` : `On responsive parsing, part ${i}`, '', ABSTRACT, '');
    if (digest) lines.push(`  • ${(i % 9) + 2} authors`, '·', `Dec 31 ${i % 97}`, '');
  }
  return lines.join('\n');
}

const KINDS = [
  { kind: 'Markdown', ext: 'md', text: largeMarkdown },
  { kind: 'Hugging Face plain-text', ext: 'txt', text: largeHfText },
] as const;

/**
 * For each kind: the open and the typing of a 1 MB digest, each beside the same for a 1 MB
 * file of that kind that is no digest, then the same under a CPU profile (of the file that is
 * no digest, and of a second digest of new papers), to say whose code the host ran.
 */
export async function measureOpenAndType(host: HostWindow, add: Add): Promise<void> {
  const dir = join(host.workspace, 'bench-open');
  mkdirSync(dir, { recursive: true });
  for (const { ext, text } of KINDS) {
    writeFileSync(join(dir, `big-digest-2030-01-01.${ext}`), text(true));
    // The profiled open is of a digest of its own, papers and text new: opening the first one
    // again would find its parse kept, and the profile would miss the work a new digest costs.
    writeFileSync(join(dir, `big-digest-2030-01-02.${ext}`), text(true).replaceAll('Responsive Parsing', 'Fresh Parsing'));
    writeFileSync(join(dir, `big-notes.${ext}`), text(false));
  }
  // The library takes the new digests in first (in its worker), and the search index built on
  // the window's first minute is done, so what follows is the editor's work.
  const before = await untilQuiet(host);
  host.log(`    before opening: ${before.map(share).join(', ')} % of a core in ${SETTLE_MS / 1000} s stretches`);
  for (const { kind, ext, text } of KINDS) {
    const plain = await openAndType(host, `big-notes.${ext}`);
    const digest = await openAndType(host, `big-digest-2030-01-01.${ext}`);
    const plainProfile = await profiled(host, `open-plain-${ext}`, async () => void (await openAndType(host, `big-notes.${ext}`)));
    let profiledDigest: OpenAndType | undefined;
    const digestProfile = await profileOf(host, `open-digest-${ext}`, async () => {
      profiledDigest = await openAndType(host, `big-digest-2030-01-02.${ext}`);
    });
    const profiles = { plain: plainProfile, digest: summarizeProfile(digestProfile) };
    const own = ownBlocks(host, digestProfile, profiledDigest!);
    const oursMs = (s: ProfileSummary) => Math.round(s.owners.find(([owner]) => owner === OURS)?.[1] ?? 0);
    const top = profiles.digest.ours.slice(0, 3).map(([fn, ms]) => `${fn} ${Math.round(ms)} ms`).join(', ');
    const size = `${(text(true).length / 1048576).toFixed(1)} MB, 500 papers`;
    const profileNote = `under a CPU profile of open + typing: digest: ${describeOwners(profiles.digest)}${top ? ` (ours: ${top})` : ''}; file that is no digest: ${describeOwners(profiles.plain)}; ${OURS} ${oursMs(profiles.digest)} ms against ${oursMs(profiles.plain)} ms`;
    const markdownNote = ext === 'md' ? "; VS Code's built-in Markdown language features read every .md file in the same host" : '';
    add({
      id: `vscode.editor.openBlock.${ext}`,
      label: `Longest extension host block while a 1 MB ${kind} digest is opened`,
      value: digest.openMs,
      unit: 'ms',
      goal: { op: '<=', value: 50 },
      baseline: { label: `the same with a 1 MB ${kind} file that is no digest`, value: plain.openMs, unit: 'ms' },
      runs: 1,
      detail: `${size}; blocks over 15 ms counted, from Enter in Quick Open to 3 s after the tab showed${markdownNote}; ${profileNote}`,
    });
    add({
      id: `vscode.editor.typeBlock.${ext}`,
      label: `Longest extension host block while typing in a 1 MB ${kind} digest`,
      value: digest.typeMs,
      unit: 'ms',
      goal: { op: '<=', value: 50 },
      baseline: { label: `the same with a 1 MB ${kind} file that is no digest`, value: plain.typeMs, unit: 'ms' },
      runs: 1,
      detail: `${size}; 33 characters typed at the end, 40 ms apart, and 2 s after${markdownNote}`,
    });
    const ownDetail = (phase: OwnBlocks['open']) => `${size}; under the CPU profile of opening and typing in a second digest of new papers (the profiler slows the host): ${phase.blocks} blocks over 15 ms, `
      + `the most of this extension's samples in one: ${phase.ownMs} ms, in a block of ${phase.inBlockMs} ms whose main owner was ${phase.mainOwner}; `
      + `the longest block ${phase.longestMs} ms, mostly ${phase.longestOwner}`;
    for (const [phase, what, within] of [['open', 'open', `while a 1 MB ${kind} digest is opened`], ['type', 'typing', `while typing in a 1 MB ${kind} digest`]] as const) {
      add({
        id: `vscode.editor.${phase}Own.${ext}`,
        label: `This extension's own code in one extension host block ${within}`,
        value: own[phase].ownMs,
        unit: 'ms',
        goal: { op: '<=', value: 50 },
        baseline: { label: `the longest block of the same ${what}, whoever ran in it`, value: own[phase].longestMs, unit: 'ms' },
        runs: 1,
        detail: ownDetail(own[phase]),
      });
    }
  }
}

// ---------------------------------------------------------------- idle

/**
 * Writes 1,000 notes files into the workspace, lets the host take them in (5 s stretches until
 * one is quiet, or a minute has gone), then measures a minute in which nothing happens, then
 * profiles a further stretch to say whose code ran.
 */
export async function measureIdle(host: HostWindow): Promise<IdleMeasure> {
  const before = await untilQuiet(host);
  const notes = join(host.workspace, '.papers', 'notes');
  // The first 10 s of taking the files in are profiled; the profiler's own sampling (a few
  // percent of a core) would keep the host from ever looking quiet, so the rest is not.
  let first: Stretch[] = [];
  const settleProfile = await profiled(host, `settle-${Date.now()}`, async () => {
    mkdirSync(notes, { recursive: true });
    for (let i = 0; i < NOTES_FILES; i++) writeFileSync(join(notes, `bench-note-${i}.md`), `---\ntitle: Bench note ${i}\nstatus: reading\ntags:\n  - bench\n---\n\nNotes ${i}.\n`);
    first = [await cpuStretch(host, SETTLE_MS), await cpuStretch(host, SETTLE_MS)];
  });
  const settling = [...first, ...(await untilQuiet(host))];
  const idle = await cpuStretch(host, host.quick ? 20_000 : IDLE_MS);
  const profile = await profiled(host, `idle-${Date.now()}`, () => host.page.waitForTimeout(host.quick ? PROFILE_MS / 2 : PROFILE_MS));
  host.log(`    idle: ${share(idle)} % of a core; before the notes files ${before.map(share).join(', ')} %, settling ${settling.map(share).join(', ')} %`);
  return { before, settling, idle, settleProfile, profile };
}

/**
 * The same idle measurement in a window of the same workspace where this extension is not
 * installed: only the probe is. The host then runs VS Code's built-in extensions alone.
 */
export async function measureIdleWithout(corpus: string, probeVsix: string, quick: boolean, log: (m: string) => void): Promise<IdleMeasure> {
  const root = tempDir('bench-idle');
  const workspace = join(root, 'workspace');
  cpSync(corpus, workspace, { recursive: true, filter: (src) => !src.endsWith('.complete') });
  const extensionsDir = join(root, 'extensions');
  installVsix(probeVsix, { extensionsDir });
  const probeOut = join(root, 'probe.json');
  const server = await startCodeServer({ root, extensionsDir, settings: {}, env: { PAPER_READER_PROBE_OUT: probeOut } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    log('Idle without Paper Digest Reader: a window on the same workspace...');
    await page.goto(workbenchUrl(server.url, workspace), { timeout: TIMEOUT });
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: TIMEOUT });
    await waitFor(() => readProbe(probeOut), 'the probe to start');
    return await measureIdle({ page, workspace, probeOut, quick, log });
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    if (!process.env.PAPER_READER_KEEP) rmSync(root, { recursive: true, force: true });
  }
}

/** The idle row: this extension's share (with it minus without it) beside the goal. */
export function idleFigure(withIt: IdleMeasure, without: IdleMeasure): Omit<Figure, 'met'> {
  const ours = Math.max(0, round(share(withIt.idle) - share(without.idle), 2));
  const profileOurs = withIt.profile.owners.find(([owner]) => owner === OURS)?.[1] ?? 0;
  const top = withIt.profile.ours.slice(0, 3).map(([fn, ms]) => `${fn} ${Math.round(ms)} ms`).join(', ');
  return {
    id: 'vscode.host.idleCpu',
    label: `Extension host CPU while idle with ${NOTES_FILES.toLocaleString('en')} notes files: this extension's share (with it minus without it)`,
    value: ours,
    unit: '% of a core',
    goal: { op: '<=', value: 1 },
    baseline: { label: 'the same window and workspace without this extension', value: share(without.idle), unit: '% of a core' },
    runs: 1,
    detail:
      `whole host with it: ${share(withIt.idle)} % (${round(withIt.idle.cpuMs, 0)} ms of CPU in ${round(withIt.idle.ms / 1000, 1)} s, every extension of the host, the probe's timers stopped); ` +
      `settling after the files were written, ${SETTLE_MS / 1000} s stretches (the first two under a CPU profile): with it ${withIt.settling.map(share).join(', ')} %, without ${without.settling.map(share).join(', ')} %; ` +
      `the first 10 s of settling profiled: ${describeOwners(withIt.settleProfile)}; ` +
      `a CPU profile of a further ${PROFILE_MS / 1000} s idle (${PROFILE_MS / 2000} s with --quick): ${describeOwners(withIt.profile)}${top ? ` (ours: ${top})` : ''}, ${OURS} ${round(profileOurs, 1)} ms; without it: ${describeOwners(without.profile)}`,
  };
}
