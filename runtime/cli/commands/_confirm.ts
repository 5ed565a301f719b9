/**
 * Asking the person on a terminal: whether one is there, and a y/N question. In its own file so that
 * tests can stand in for the person.
 */

import { createInterface } from 'node:readline/promises'

/** Whether a person can answer: standard input and output are terminals. */
export function isInteractive(): boolean {
  return process.stdin.isTTY === true && process.stdout.isTTY === true
}

/** Asks `question` on the terminal; true only for an explicit yes (y, yes, o, oui). */
export async function askYesNo(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    const answer = await rl.question(`${question} [y/N] `)
    return /^(y|yes|o|oui)$/i.test(answer.trim())
  } finally {
    rl.close()
  }
}
