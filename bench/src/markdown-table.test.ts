import { describe, expect, it } from 'vitest';
import { markdownTable } from './markdown-table';

describe('markdownTable', () => {
  it('pads every column to its widest cell, at least three wide', () => {
    expect(
      markdownTable(
        ['a', 'name'],
        [
          ['1', 'tracker'],
          ['22', 'x'],
        ],
      ),
    ).toBe(['| a   | name    |', '| --- | ------- |', '| 1   | tracker |', '| 22  | x       |'].join('\n'));
  });

  it('escapes pipes inside cells', () => {
    expect(markdownTable(['cell'], [['a|b']])).toBe(['| cell |', '| ---- |', '| a\\|b |'].join('\n'));
  });
});
