/** Messages of the calendar module (keys prefixed 'calendar.'). */
import { defineMessages } from './define.js';

export const calendarMessages = defineMessages({
  id: {
    'calendar.title': 'Kalender hari kerja',
    'calendar.invalidDate': '{field} bukan tanggal yang valid (format TTTT-BB-HH).',
    'calendar.invalidInstant': '{field} bukan waktu yang valid (tanggal TTTT-BB-HH atau waktu ISO 8601 dengan zona waktu).',
    'calendar.tooManyDays': '{field}: paling banyak {max} hari.',
    'calendar.yearOutOfRange': 'Tahun harus antara {min} dan {max}.',
    'calendar.duplicateDay': 'Sudah ada hari libur/masuk pada tanggal {date} untuk cakupan yang sama.',
    'calendar.masukOnNationalHoliday': 'Tanggal {date} adalah libur nasional ({name}); libur nasional tidak dapat dijadikan hari kerja.',
    'calendar.unknownUnit': 'Unit layanan tidak ditemukan di daerah ini.',
  },
  en: {
    'calendar.title': 'Working-day calendar',
    'calendar.invalidDate': '{field} is not a valid date (format YYYY-MM-DD).',
    'calendar.invalidInstant': '{field} is not a valid time (a YYYY-MM-DD date or an ISO 8601 time with a time zone).',
    'calendar.tooManyDays': '{field}: at most {max} days.',
    'calendar.yearOutOfRange': 'The year must be between {min} and {max}.',
    'calendar.duplicateDay': 'There is already a day off/working day on {date} for the same scope.',
    'calendar.masukOnNationalHoliday': '{date} is a national holiday ({name}); a national holiday cannot be made a working day.',
    'calendar.unknownUnit': 'The service unit does not exist in this region.',
  },
});
