// Excel's date cells, shared by the .xlsx and .xls readers: a date is a serial number of days
// shown through a date number format; both readers return it as a Date at UTC midnight.

/** Whether a number format shows a date or time (y, m, d, h, s, b outside quotes and [..]). */
export function isDateFormat(fmt: string | undefined): boolean {
  return !!fmt && /[ymdhsb]/i.test(fmt.replace(/\[[^\]]*]|"[^"]*"/g, '').replace(/General/gi, ''));
}

/** The Date of a serial day number (1900 or 1904 date system), in UTC. */
export function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}
