/**
 * Numbers in a sentence and their kinds (a count, an amount of money, a percentage, a year, a day of a month, a
 * label such as "Article 6"), and whether a sentence states a number of the kind a question asks for.
 */
import { words } from '../text.js';
import type { NumberKind } from './answer-kind.js';

export type MentionKind = 'year' | 'day' | 'percent' | 'money' | 'count' | 'label';

export interface NumberMention {
  start: number;
  end: number;
  kind: MentionKind;
  /** The digits as written, without separators ("1,000" → "1000"). */
  value: string;
}

export const MONTH = /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)$/;
// "one of the main centres" picks one out of many; it does not count anything.
const NUMBER_WORDS =
  /\b(one(?!\s+(?:of|another)\b)|half|twice|single|none|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fifteen|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?)\b/gi;
const MONEY_AFTER = /^\s?(million|billion|trillion|thousand)?\s?(dollars?|euros?|pounds?|manats?|usd|eur|gbp|livres?|francs?|marks?|yuan|rubles?|lira)\b/i;
const SCALE_AFTER = /^\s?(million|billion|trillion|thousand)\b/i;
// Digits not glued to letters (so "COP29" and "G20" are names, not numbers).
// After a currency sign, a scale may be abbreviated: "£304m", "$1.2bn".
const DIGITS = /(?<![\p{L}\p{N}.,])([$€£¥]\s?)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:(?<=[$€£¥]\s?[\d,.]+)(?:bn|mn|m|k|tn))?(st|nd|rd|th|s)?(?![\p{L}\p{N}])(\s?(?:%|percent\b|per cent\b))?/giu;

// A number right after a capitalised word inside the sentence names a thing ("Article 6", "Super Bowl 50",
// "Resolution 242"); it counts nothing. The word must not open the sentence ("Nearly 60 …", "Over 1,000 …").
const LABELLED = /[\p{L}\p{N},)]\s+\p{Lu}[\p{L}-]*\s$/u;
// Words before a number that do not name it (a month is read with MONTH).
const NOT_A_LABEL = /^(over|about|nearly|some|around|only|just|almost|roughly|approximately|than|and|or|to|of|by|in|on|at|for|with)$/;

// "2000 kilometres" measures; it is not a year.
const UNIT_AFTER = /^\s?(km|kilomet(er|re)s?|miles?|met(er|re)s?|feet|ft|tonn?es?|tons|kg|kilograms?|people|persons|men|soldiers|troops|years|days)\b/i;
const CENTURY_AFTER = /^[\s-]?centur(y|ies)\b/i;

/** Every number in the text, with its kind: a count, an amount of money, a percentage, a year, a day of a month, or a label ("Article 6"). */
export function numberMentions(text: string): NumberMention[] {
  const out: NumberMention[] = [];
  for (const m of text.matchAll(DIGITS)) {
    const start = m.index!;
    // Nor hyphened to a capital: "COVID-19", "F-16" name things ("mid-1990s" is a year).
    if (text[start - 1] === '-' && /\p{Lu}/u.test(text[start - 2] ?? '')) continue;
    let end = start + m[0].length;
    const value = m[2]!.replace(/,/g, '');
    const suffix = (m[4] ?? '').toLowerCase();
    const before = words(text.slice(Math.max(0, start - 12), start)).at(-1) ?? '';
    const after = words(text.slice(end, end + 12))[0] ?? '';
    let kind: MentionKind;
    if (m[5]) kind = 'percent';
    else if (m[1] || MONEY_AFTER.test(text.slice(end, end + 24))) kind = 'money';
    else if (/^(1\d|20)\d{2}$/.test(value) && !m[3] && (suffix === '' || suffix === 's') && !m[2]!.includes(',') && !UNIT_AFTER.test(text.slice(end, end + 16))) kind = 'year';
    // "the 10th century" answers "what century" as a year does.
    else if (suffix && suffix !== 's') kind = CENTURY_AFTER.test(text.slice(end, end + 12)) ? 'year' : 'day';
    else if (Number(value) <= 31 && (MONTH.test(before) || MONTH.test(after))) kind = 'day';
    else kind = LABELLED.test(text.slice(Math.max(0, start - 40), start)) && !MONTH.test(before) && !NOT_A_LABEL.test(before) ? 'label' : 'count';
    // The amount reads whole in bold: "48 million dollars", "$2 billion", not "48".
    const unit = m[5] ? null : (MONEY_AFTER.exec(text.slice(end, end + 24)) ?? SCALE_AFTER.exec(text.slice(end, end + 12)));
    if (unit) end += unit[0].length;
    out.push({ start, end, kind, value });
  }
  // A day dashed to another beside a month ("19-20 January", "November 11-22") is a day as well, not a count.
  const dashedDay = (a: NumberMention | undefined, b: NumberMention | undefined) =>
    a !== undefined && b !== undefined && (a.kind === 'day' || b.kind === 'day') && a.end < b.start && /^\s?[-–]\s?$/.test(text.slice(a.end, b.start));
  for (let i = 0; i < out.length; i++) {
    const m = out[i]!;
    if (m.kind === 'count' && Number(m.value) <= 31 && (dashedDay(m, out[i + 1]) || dashedDay(out[i - 1], m))) out[i] = { ...m, kind: 'day' };
  }
  return out;
}

// Counts written out ("three", "twenty-five", "two hundred", "a dozen", "half"). "One" after a determiner is a
// pronoun ("no one", "the one"), and "one of / one another" picks out rather than counts.
const UNITS = 'one|two|three|four|five|six|seven|eight|nine';
const TEENS = 'ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const SPELLED = new RegExp(
  String.raw`(?<![\p{L}-])(?:(?:${TENS})(?:[-\s](?:${UNITS}))?|${TEENS}|${UNITS})(?:\s+(?:hundred|thousand|million|billion))*(?!\p{L})|\ba (?:dozen|hundred|thousand|million|billion)\b|\b(?:dozens|hundreds|thousands|millions|billions|half|twice)\b`,
  'giu',
);
const PRONOUN_ONE = /\b(?:no|any|every|some|the|this|that|each|which|another|little|last)\s+$/i;

/** Counts written out in words, as count mentions (an amount of money when a currency follows: "two million dollars"). */
export function spelledNumbers(text: string): NumberMention[] {
  const out: NumberMention[] = [];
  for (const m of text.matchAll(SPELLED)) {
    const start = m.index!;
    let end = start + m[0].length;
    if (/^one$/i.test(m[0]) && (/^\s+(?:of|another)\b/i.test(text.slice(end, end + 10)) || PRONOUN_ONE.test(text.slice(Math.max(0, start - 10), start)))) continue;
    const money = MONEY_AFTER.exec(text.slice(end, end + 24));
    if (money) end += money[0].length;
    out.push({ start, end, kind: money ? 'money' : 'count', value: m[0].toLowerCase() });
  }
  return out;
}

/** Two numbers joined by a dash or "to" read as one range ("27-30%", "200–300", "1% to 3%"), a percentage or amount when the second is one ("27-30%"), a year when either is. */
export function joinRanges(text: string, mentions: NumberMention[]): NumberMention[] {
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  const out: NumberMention[] = [];
  for (const m of sorted) {
    const last = out.at(-1);
    const between = text.slice(last?.end ?? 0, m.start);
    // "1% to 3%", "5,000 to 30,000": joined by "to" only when both are of one kind, and not after "from" ("rose
    // from 76,000 to 540,000" is a change, not a range).
    const to = /^\s+to\s+$/.test(between) && last?.kind === m.kind && !/\bfrom\s+$/i.test(text.slice(Math.max(0, (last?.start ?? 0) - 6), last?.start));
    if (last && (/^\s?[-–]\s?$/.test(between) || to)) {
      const kind = m.kind === 'percent' || m.kind === 'money' ? m.kind : m.kind === 'year' ? 'year' : last.kind;
      out[out.length - 1] = { start: last.start, end: m.end, kind, value: `${last.value}-${m.value}` };
    } else out.push(m);
  }
  return out;
}

/** A unit of time after a number: "4 years" measures a time, it counts no things ("how many nations…"). */
export const TIME_UNIT = /^[\s-](?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies))\b/i;
/** A number that measures a length of time, not a count of what a "how many" question asks about. */
export const measuresTime = (text: string, m: { end: number }): boolean => TIME_UNIT.test(text.slice(m.end, m.end + 12));

export const SATISFIES: Record<NumberKind, readonly MentionKind[]> = {
  count: ['count', 'money'],
  amount: ['count', 'money', 'percent'],
  money: ['money'],
  percent: ['percent'],
  year: ['year'],
  duration: ['count', 'year'],
  month: [], // by name only
  weekday: [],
  day: ['day'],
  calendarDay: [], // by a month with a day's number beside it only
};

// Names as the text writes them (capitalised): "may" the verb is no month.
const MONTH_NAME = /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)(?![\p{L}])/gu;
const WEEKDAY_NAME = /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b/g;
export const MONTH_ONE = new RegExp(MONTH_NAME.source, 'u');
export const WEEKDAY_ONE = new RegExp(WEEKDAY_NAME.source);
// A day of a month ("21 September", "Nov. 10", "2024-10-23"): what "the exact date" asks for.
const CALENDAR_DAY = `\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH_NAME.source}|${MONTH_NAME.source}\\s+\\d{1,2}\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b`;
export const CALENDAR_DAY_ONE = new RegExp(CALENDAR_DAY, 'u');
// A date that names a day: a weekday, or a day of a month.
export const DAY_ONE = new RegExp(`${WEEKDAY_NAME.source}|${CALENDAR_DAY}`, 'u');

const SPELLED_CENTURY = /\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first) centur(y|ies)\b/i;
/** A length of time in words: an article or a vague quantity and a unit ("a month", "several years"). */
export const LENGTH_IN_WORDS = /\b(?:an?|one|several|(?:a )?few|many)\s+(?:years?|months?|weeks?|days?|hours?|decades?|centur(?:y|ies))\b/gi;
const DURATION = new RegExp(`${LENGTH_IN_WORDS.source}|\\b(?:days|weeks|months|years|decades|centuries|hours)\\b`, 'i');

/**
 * Does the text state a number of the asked kind that the question does not already state? Spelled-out counts
 * ("forty delegations", "dozens") count; "COP29" and "23 November" do not answer "how many".
 */
export function hasNumberOfKind(text: string, kind: NumberKind, questionWords: ReadonlySet<string>): boolean {
  // A month or weekday answers by its name; a day by a weekday's name or by a day of a month (below).
  const name = kind === 'month' ? MONTH_NAME : kind === 'weekday' || kind === 'day' ? WEEKDAY_NAME : null;
  if (kind === 'calendarDay') return CALENDAR_DAY_ONE.test(text);
  if (name && [...text.matchAll(name)].some((m) => !questionWords.has(words(m[0])[0]!))) return true;
  if (kind === 'month' || kind === 'weekday') return false;
  const allowed = SATISFIES[kind];
  // "How many nations" is not answered by "for the past 4 years" (a count of years is asked as a duration).
  const timeless = (end: number) => kind !== 'count' || !measuresTime(text, { end });
  if (numberMentions(text).some((m) => allowed.includes(m.kind) && !questionWords.has(m.value) && timeless(m.end))) return true;
  // "Two million dollars".
  if (kind === 'money') return spelledNumbers(text).some((m) => m.kind === 'money');
  if (kind === 'count' || kind === 'amount' || kind === 'duration') {
    for (const m of text.matchAll(NUMBER_WORDS)) if (!questionWords.has(m[0].toLowerCase()) && timeless(m.index! + m[0].length)) return true;
  }
  // "the first century AD", "well into the nineteenth century".
  if (kind === 'year' && SPELLED_CENTURY.test(text)) return true;
  return kind === 'duration' && DURATION.test(text);
}

/**
 * Dates joined by a dash, or by "to" / "until" after "from", read as one period ("(**1568–1609**)", "from **1562 to
 * 1598**"), as does a year with its century's last two digits ("**1759-60**").
 */
export function datePeriods(text: string, spans: Array<{ start: number; end: number }>): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (const s of spans) {
    const last = out.at(-1);
    const between = last ? text.slice(last.end, s.start) : '';
    const from = last && /^\s+(?:to|until)\s+$/.test(between) && /\bfrom\s+$/i.test(text.slice(Math.max(0, last.start - 6), last.start));
    if (last && (/^\s?[-–]\s?$/.test(between) || from)) out[out.length - 1] = { start: last.start, end: s.end };
    else out.push({ ...s });
  }
  return out.map((s) => {
    const tail = /\d{4}$/.test(text.slice(s.start, s.end)) ? /^[-–]\d{2}(?!\d)/.exec(text.slice(s.end, s.end + 4)) : null;
    return tail ? { ...s, end: s.end + tail[0].length } : s;
  });
}

