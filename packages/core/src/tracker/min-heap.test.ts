import { describe, expect, it } from 'vitest';
import { MinHeap } from './min-heap';

describe('MinHeap', () => {
  it('pops in order and removes by predicate', () => {
    const heap = new MinHeap<number>((a, b) => a - b);
    for (const value of [5, 1, 4, 2, 3, 9, 0]) heap.push(value);
    expect(heap.removeWhere((value) => value === 4)).toBe(1);
    const popped: number[] = [];
    while (heap.size > 0) popped.push(heap.pop() as number);
    expect(popped).toEqual([0, 1, 2, 3, 5, 9]);
    expect(heap.pop()).toBeUndefined();
  });
});
