/**
 * Categoriser accuracy on the labelled sets built from real public exports: transactions per language
 * (tests/fixtures/labelled/transactions.json) and activity sport names per source vocabulary
 * (tests/fixtures/labelled/sports.json). Prints one table each, and every miss.
 *
 *   node bin/run-ts.js bench/importers/accuracy.ts
 *
 * The split held-out sets' (second, third, …) `dev` splits are printed with their misses (they may
 * be tuned on). Their `test` splits are scored only with `--final`, by language and without the
 * lines, once a round, when the work is done: they are never looked at while the categoriser changes.
 */
import {
  heldOutTransactions,
  splitHeldOutSets,
  splitHeldOutTransactions,
  sportAccuracy,
  transactionAccuracy,
  type Accuracy,
} from '../../tests/importers/_accuracy.ts'

function printTransactions(title: string, tx: Accuracy, withMisses = true): void {
  console.log(title)
  if (tx.n === 0) {
    console.log('  (no lines yet)')
    return
  }
  console.log('lang  n    correct  accuracy  labelled uncategorised')
  for (const row of tx.byGroup) {
    console.log(
      `${row.group.padEnd(5)} ${String(row.n).padEnd(4)} ${String(row.correct).padEnd(8)} ${(100 * row.accuracy).toFixed(1).padStart(6)} %  ${row.uncategorised}`,
    )
  }
  console.log(`all   ${tx.n}  ${tx.correct}  ${(100 * tx.accuracy).toFixed(1)} %`)
  if (!withMisses) return
  for (const m of tx.misses)
    console.log(`  miss [${m.group}] ${m.text} → ${m.got} (want ${m.want})`)
}

printTransactions(
  'transactions: category accuracy per export language (tuning set, in-sample)',
  transactionAccuracy(),
)
printTransactions(
  '\ntransactions: first held-out set (labels frozen; measured at 36.8 % untouched, now a tuning set)',
  transactionAccuracy(heldOutTransactions()),
)
const ORDINAL = [
  '',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
]
for (const set of splitHeldOutSets()) {
  printTransactions(
    `\ntransactions: ${ORDINAL[set]} held-out set, dev split (may be tuned on)`,
    transactionAccuracy(splitHeldOutTransactions(set, 'dev')),
  )
}
if (process.argv.includes('--final')) {
  for (const set of splitHeldOutSets()) {
    printTransactions(
      `\ntransactions: ${ORDINAL[set]} held-out set, TEST split (final measurement; lines not shown)`,
      transactionAccuracy(splitHeldOutTransactions(set, 'test')),
      false,
    )
  }
}

const sports = sportAccuracy()
console.log('\nactivities: sport accuracy per source vocabulary')
for (const row of sports.byGroup) {
  console.log(
    `${row.group.padEnd(8)} ${String(row.n).padEnd(4)} ${String(row.correct).padEnd(4)} ${(100 * row.accuracy).toFixed(1).padStart(6)} %`,
  )
}
console.log(`all      ${sports.n}  ${sports.correct}  ${(100 * sports.accuracy).toFixed(1)} %`)
for (const m of sports.misses)
  console.log(`  miss [${m.group}] ${m.text} → ${m.got} (want ${m.want})`)
