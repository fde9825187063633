/** CLI commands of the SKM module (listed by src/cli/index.ts). */
import { readFile } from 'node:fs/promises';
import type { CliCommand } from '../../../cli/command.js';
import { CsvIkmError, ikmFromCsv } from './csv-ikm.js';

/**
 * `ikm --csv FILE [--rounded-weights]`: the IKM of a CSV of answers (header u1..u9, values
 * 1–4, empty = not answered), printed as one JSON object. Needs no database.
 */
export const ikmCommand: CliCommand = {
  name: 'ikm',
  summary: 'IKM (PermenPANRB 14/2017) of a CSV with columns u1..u9; prints one JSON object (no database)',
  usage: 'ikm --csv FILE [--rounded-weights]',
  async run(ctx) {
    const file = ctx.args.csv;
    if (typeof file !== 'string' || !file) {
      console.error('Usage: npm run cli -- ikm --csv FILE [--rounded-weights]');
      return 2;
    }
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      console.error(`Cannot read ${file}: ${(e as Error).message}`);
      return 1;
    }
    try {
      ctx.out(JSON.stringify(ikmFromCsv(text, { roundedWeights: ctx.args['rounded-weights'] === true })));
      return 0;
    } catch (e) {
      if (e instanceof CsvIkmError) {
        console.error(`${file}: ${e.message}`);
        return 1;
      }
      throw e;
    }
  },
};

export const skmCommands: CliCommand[] = [ikmCommand];
