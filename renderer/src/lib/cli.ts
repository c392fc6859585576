// The command-line equivalent of an action, spelled for the workspace this window uses, so a
// user can copy it as is.
export function quoteArg(value: string): string {
  if (/^[\w@%+=:,./-]+$/.test(value)) return value;
  const windowsPath = /^[A-Za-z]:\\/.test(value) || value.includes('\\');
  return windowsPath ? `"${value.replaceAll('"', '\\"')}"` : `'${value.replaceAll("'", "'\\''")}'`;
}

export function studioCommand(args: string, workspace: string | null | undefined): string {
  return workspace ? `studio ${args} --workspace ${quoteArg(workspace)}` : `studio ${args}`;
}
