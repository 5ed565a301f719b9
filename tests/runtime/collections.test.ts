import { describe, expect, it } from 'vitest'
import { readdirSync } from 'node:fs'
import { collectionLayout, collectionNames, collectionSchema } from '../../runtime/collections.ts'

describe('the collection catalogue', () => {
  it('lists exactly the schema files in schemas/collections', () => {
    const files = readdirSync(new URL('../../schemas/collections/', import.meta.url))
      .filter((f) => f.endsWith('.schema.json'))
      .map((f) => f.replace('.schema.json', ''))
      .sort()
    expect(collectionNames().sort()).toEqual(files)
  })

  it('derives each collection’s time field and field kinds from its schema', () => {
    const purchases = collectionLayout('purchases')
    expect(purchases.timeField).toBe('orderedAt')
    expect(purchases.kinds).toMatchObject({
      orderedAt: 'time',
      category: 'category',
      amount: 'number',
    })
    for (const name of collectionNames()) {
      const layout = collectionLayout(name)
      expect(layout.kinds[layout.timeField]).toBe('time')
    }
  })

  it('knows nothing of collections that do not exist', () => {
    expect(collectionSchema('diaries')).toBeUndefined()
    expect(collectionSchema('__proto__')).toBeUndefined()
    expect(() => collectionLayout('diaries')).toThrow(RangeError)
  })
})
