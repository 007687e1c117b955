// The four adapters' factories, as a fleet's registry is built from them.
import type { ProviderFactories } from '@asyncjob/core';
import { orationFactory } from '@asyncjob/oration';
import { outxFactory } from '@asyncjob/outx';
import { revkeenFactory } from '@asyncjob/revkeen';
import { revorFactory } from '@asyncjob/revor';

export const factories: ProviderFactories = {
  revor: revorFactory,
  outx: outxFactory,
  oration: orationFactory,
  revkeen: revkeenFactory,
};
