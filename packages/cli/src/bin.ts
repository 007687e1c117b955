#!/usr/bin/env node
import { main } from './main';
import { createNodeIo } from './node-io';

const { io, dispose } = createNodeIo();
process.exitCode = await main(process.argv, io);
dispose();
