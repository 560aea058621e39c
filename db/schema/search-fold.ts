import { sql, type SQL } from 'drizzle-orm';

// Accent- and case-insensitive search without the unaccent extension: unaccent() is not
// immutable (its dictionary can change), so it can back neither a generated column nor an
// index, and PGlite would need another extension. translate() and lower() are immutable and
// built in on both drivers. The leads' generated search columns (db/schema/leads.ts) and the
// query side (lib/leads/lead-where.ts) fold with this same expression, so they always agree.
// Derived from Unicode (NFD, marks dropped) for U+00C0-U+017F, plus letters with strokes;
// lib/leads/search-fold.test.ts checks the pairs. Never edit a pair without a migration that
// rewrites the generated columns.

export const FOLD_FROM =
  'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžØøĐđŁłıĦħ';
export const FOLD_TO =
  'aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzooddllihh';

/** lower(translate(expr, accented, plain)): the same text on both sides of a search. */
export function foldSql(expr: SQL): SQL {
  // Literals, not parameters: the generated columns' definitions must be plain SQL text.
  return sql`lower(translate(${expr}, ${sql.raw(`'${FOLD_FROM}'`)}, ${sql.raw(`'${FOLD_TO}'`)}))`;
}
