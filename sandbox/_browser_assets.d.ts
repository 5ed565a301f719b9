// Vite resolves `?url` imports to the emitted asset's URL (the browser sandbox loads the QuickJS
// wasm this way). Declared here so the root typecheck, which has no `vite/client` types, knows it.
declare module '*?url' {
  const url: string
  export default url
}
