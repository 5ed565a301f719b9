/**
 * The guest-side half of the frame API, evaluated inside QuickJS before the partner's module. It
 * evaluates to a function that the host calls once per instance with the two bridge functions and
 * the bundle's static assets (JSON); that call removes every ambient capability QuickJS ships
 * (clock, randomness, shared memory) and returns `run(namespace, descJson)`, which the host calls
 * for each run with that run's description. Nothing is left in the guest's globals: the bridges
 * and `run` are reachable from the host's handles only. Columns are copied into the guest lazily,
 * once each, on first access: a module that only calls kernels copies nothing.
 *
 * Kept as plain ES2020 source: it runs in the guest, never in the host.
 */
export const GUEST_PRELUDE = String.raw`
(function (kernel, fetchColumn, paramsJson) {
  'use strict'
  const params = JSON.parse(paramsJson)
  // No ambient authority: the run's time is input.now; randomness is the runtime's to apply.
  delete globalThis.Date
  delete globalThis.SharedArrayBuffer
  delete globalThis.Atomics
  delete Math.random

  function utf8(bytes, start, end) {
    let out = ''
    let i = start
    while (i < end) {
      const b = bytes[i++]
      let cp
      if (b < 0x80) cp = b
      else if (b < 0xe0) cp = ((b & 0x1f) << 6) | (bytes[i++] & 0x3f)
      else if (b < 0xf0) cp = ((b & 0x0f) << 12) | ((bytes[i++] & 0x3f) << 6) | (bytes[i++] & 0x3f)
      else {
        cp = ((b & 0x07) << 18) | ((bytes[i++] & 0x3f) << 12) | ((bytes[i++] & 0x3f) << 6) | (bytes[i++] & 0x3f)
      }
      if (cp > 0xffff) {
        cp -= 0x10000
        out += String.fromCharCode(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff))
      } else out += String.fromCharCode(cp)
    }
    return out
  }

  function call(name, collection, args) {
    return JSON.parse(kernel(name, collection, JSON.stringify(args)))
  }

  // Close names, for "did you mean": edit distance at most 2, or one name inside the other.
  function distance(a, b) {
    const d = []
    for (let i = 0; i <= a.length; i++) d[i] = [i]
    for (let j = 1; j <= b.length; j++) d[0][j] = j
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      }
    }
    return d[a.length][b.length]
  }
  function didYouMean(name, candidates) {
    const n = String(name).toLowerCase()
    let best, bestD = 3
    for (const c of candidates) {
      const l = c.toLowerCase()
      const dd = l === n ? 0 : l.includes(n) || n.includes(l) ? 1 : distance(n, l)
      if (dd < bestD) { best = c; bestD = dd }
    }
    return best === undefined ? '' : " (did you mean '" + best + "'?)"
  }
  // Reading what the manifest does not declare is a mistake to name, not an undefined to trip on.
  function notConsented(collection, field, fields) {
    return new ReferenceError("field '" + field + "' is not in the consented view of " + collection +
      ' (' + (fields.join(', ') || 'no fields') + '): add it to the fields of ' + collection +
      " in 'reads' in manifest.json" + didYouMean(field, fields))
  }
  function wrongKind(collection, field, kind, accessor) {
    const use = { time: 'num()', number: 'num()', category: 'codes() and dict()', text: 'text()', bool: 'bools()' }
    return new TypeError(accessor + "('" + field + "') of " + collection + ': the field is a ' + kind +
      ' field; read it with ' + use[kind] + ' or get()')
  }

  function data(collection, name, c) {
    if (c.data) return c.data
    const parts = fetchColumn(collection, name)
    if (c.kind === 'time' || c.kind === 'number') c.data = { values: new Float64Array(parts[0]) }
    else if (c.kind === 'bool') c.data = { values: new Uint8Array(parts[0]) }
    else if (c.kind === 'category') c.data = { codes: new Int32Array(parts[0]) }
    else c.data = { offsets: new Uint32Array(parts[0]), bytes: new Uint8Array(parts[1]) }
    return c.data
  }

  class Frame {
    #name
    #length
    #cols
    constructor(name, length, cols) {
      this.#name = name
      this.#length = length
      this.#cols = cols
    }
    /** Number of rows in this consented view. */
    get length() { return this.#length }
    /** The collection's name. */
    get collection() { return this.#name }
    /** Names of the consented fields, in manifest order. */
    get fields() { return Object.keys(this.#cols) }
    /** Whether a field is in this view. */
    has(field) { return Object.hasOwn(this.#cols, field) }
    /** 'time' | 'number' | 'category' | 'text' | 'bool', or undefined when not consented. */
    kind(field) { return this.has(field) ? this.#cols[field].kind : undefined }
    #col(field, accessor, kinds) {
      if (!this.has(field)) throw notConsented(this.#name, field, this.fields)
      const c = this.#cols[field]
      if (kinds && !kinds.includes(c.kind)) throw wrongKind(this.#name, field, c.kind, accessor)
      return c
    }
    /** Float64Array of a time (ms since epoch) or number field; NaN = missing. */
    num(field) {
      return data(this.#name, field, this.#col(field, 'num', ['time', 'number'])).values
    }
    /** Int32Array of dictionary codes of a category field; -1 = missing. */
    codes(field) {
      return data(this.#name, field, this.#col(field, 'codes', ['category'])).codes
    }
    /** The dictionary of a category field: codes index into it. */
    dict(field) {
      return this.#col(field, 'dict', ['category']).dictionary
    }
    /** Uint8Array of a bool field: 0, 1, 255 = missing. */
    bools(field) {
      return data(this.#name, field, this.#col(field, 'bools', ['bool'])).values
    }
    /** Row i of a text field as a string. */
    text(field, i) {
      const d = data(this.#name, field, this.#col(field, 'text', ['text']))
      return utf8(d.bytes, d.offsets[i], d.offsets[i + 1])
    }
    /** Row i of any field as a plain value (undefined when missing). */
    get(field, i) {
      const c = this.#col(field, 'get')
      const d = data(this.#name, field, c)
      switch (c.kind) {
        case 'time':
        case 'number': { const v = d.values[i]; return v === v ? v : undefined }
        case 'bool': { const v = d.values[i]; return v === 255 ? undefined : v === 1 }
        case 'category': { const v = d.codes[i]; return v < 0 ? undefined : c.dictionary[v] }
        case 'text': return utf8(d.bytes, d.offsets[i], d.offsets[i + 1])
      }
    }
    /** Convenience, slower than the columns: one plain object per row. */
    *rows() {
      const fields = this.fields
      for (let i = 0; i < this.#length; i++) {
        const row = {}
        for (const f of fields) row[f] = this.get(f, i)
        yield row
      }
    }
    // Kernels: run natively over this view, return small plain results.
    count(where) { return call('count', this.#name, [where]) }
    sum(field, where) { return call('sum', this.#name, [field, where]) }
    groupSum(key, value, options) { return call('groupSum', this.#name, [key, value === undefined ? null : value, options]) }
    groupMean(key, value, options) { return call('groupMean', this.#name, [key, value, options]) }
    topK(key, k, options) { return call('topK', this.#name, [key, k, options]) }
    histogram(field, spec) { return call('histogram', this.#name, [field, spec]) }
    nearest(latField, lonField, points, options) { return call('nearest', this.#name, [latField, lonField, points, options]) }
    textMatch(field, spec, options) { return call('textMatch', this.#name, [field, spec, options]) }
    pick(fields, rows) { return call('pick', this.#name, [fields, rows]) }
  }

  function makeInput(desc) {
    const collections = {}
    for (const f of desc.frames) {
      const cols = {}
      for (const c of f.columns) {
        cols[c.name] = { kind: c.kind, dictionary: c.dictionary ? Object.freeze(c.dictionary) : undefined, data: undefined }
      }
      collections[f.collection] = new Frame(f.collection, f.length, cols)
    }
    const declared = Object.keys(collections)
    Object.freeze(collections)
    // 'in', Object.keys and has-checks still see only the declared collections; reading another
    // one names it and says where to declare it.
    const collectionsView = new Proxy(collections, {
      get(target, key) {
        if (typeof key !== 'string' || key in target || key === 'then' || key === 'toJSON') {
          return target[key]
        }
        throw new ReferenceError("collection '" + key + "' is not in this bundle's reads (it reads " +
          (declared.join(', ') || 'nothing') + "): add { \"collection\": \"" + key +
          "\", \"fields\": [...] } to 'reads' in manifest.json" + didYouMean(key, declared))
      },
    })
    return Object.freeze({
      now: desc.now,
      params,
      trigger: desc.trigger,
      collections: collectionsView,
    })
  }

  function toJson(value) {
    const s = JSON.stringify(value)
    if (typeof s !== 'string') throw new TypeError('analyze(input) must return a JSON value')
    return s
  }

  return function run(ns, descJson) {
    if (!ns || typeof ns.analyze !== 'function') {
      throw new TypeError('the module does not export a function analyze(input)')
    }
    const r = ns.analyze(makeInput(JSON.parse(descJson)))
    if (r && typeof r.then === 'function') return r.then(toJson)
    return toJson(r)
  }
})
`
