/**
 * The app's languages: Simplified Chinese by default (the users are county caseworkers and
 * provincial program officers), English on request; the choice is kept in this browser. Every
 * date is shown in Beijing time, whatever the computer's own time zone is.
 */
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'labor-cooperation.language';
export const TIME_ZONE = 'Asia/Shanghai';

function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return (LANGUAGES as readonly string[]).includes(stored ?? '') ? (stored as Language) : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // A browser that keeps nothing still switches for this page.
  }
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

export const currentLanguage = (): Language => (i18n.language === 'en' ? 'en' : 'zh-CN');

export { i18n, useTranslation };

const numberFormat = () => new Intl.NumberFormat(currentLanguage());
export const formatCount = (value: number) => numberFormat().format(value);
/** Whole yuan, e.g. ¥6,500 (zh-CN and en write CNY the same way here). */
export const formatYuan = (value: number) =>
  new Intl.NumberFormat(currentLanguage(), { style: 'currency', currency: 'CNY', maximumFractionDigits: 0 }).format(value);
/** Fen as yuan with two decimals. */
export const formatFen = (fen: number) =>
  new Intl.NumberFormat(currentLanguage(), { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 }).format(fen / 100);
export const formatShare = (part: number, whole: number) =>
  whole > 0 ? new Intl.NumberFormat(currentLanguage(), { style: 'percent', maximumFractionDigits: 1 }).format(part / whole) : '—';

/** A calendar date (ISO `YYYY-MM-DD`, a day in China): 2017年2月15日. */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00+08:00`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(currentLanguage(), { timeZone: TIME_ZONE, year: 'numeric', month: 'long', day: 'numeric' }).format(date);
}

/** An instant in Beijing time: 2017/2/15 14:30 (北京时间). */
export function formatDateTime(isoDateTime: string): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  const text = new Intl.DateTimeFormat(currentLanguage(), {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  return `${text} ${i18n.t('common.beijingTime')}`;
}

/** Today in Beijing, as an ISO date. */
export const todayInBeijing = (now = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(now);
