// Text files imported as strings (esbuild's `text` loader for .txt, see esbuild.mjs).
declare module '*.seed.txt' {
  const text: string;
  export default text;
}
