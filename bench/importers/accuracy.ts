/**
 * Categoriser accuracy on the labelled sets built from real public exports: transactions per language
 * (tests/fixtures/labelled/transactions.json) and activity sport names per source vocabulary
 * (tests/fixtures/labelled/sports.json). Prints one table each, and every miss.
 *
 *   node bin/run-ts.js bench/importers/accuracy.ts
 */
import {
  heldOutTransactions,
  sportAccuracy,
  transactionAccuracy,
  type Accuracy,
} from '../../tests/importers/_accuracy.ts'

function printTransactions(title: string, tx: Accuracy): void {
  console.log(title)
  console.log('lang  n    correct  accuracy  labelled uncategorised')
  for (const row of tx.byGroup) {
    console.log(
      `${row.group.padEnd(5)} ${String(row.n).padEnd(4)} ${String(row.correct).padEnd(8)} ${(100 * row.accuracy).toFixed(1).padStart(6)} %  ${row.uncategorised}`,
    )
  }
  console.log(`all   ${tx.n}  ${tx.correct}  ${(100 * tx.accuracy).toFixed(1)} %`)
  for (const m of tx.misses)
    console.log(`  miss [${m.group}] ${m.text} → ${m.got} (want ${m.want})`)
}

printTransactions(
  'transactions: category accuracy per export language (tuning set, in-sample)',
  transactionAccuracy(),
)
printTransactions(
  '\ntransactions: held-out set (exports the lexicon was not tuned on; labels frozen before the run)',
  transactionAccuracy(heldOutTransactions()),
)

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
