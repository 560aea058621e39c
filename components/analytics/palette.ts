// Okabe & Ito's palette: told apart by the common forms of colour blindness. Series also differ
// by position (stacks, bars), and every chart has its numbers in a table.
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

export function colourAt(i: number): string {
  return PALETTE[i % PALETTE.length];
}
