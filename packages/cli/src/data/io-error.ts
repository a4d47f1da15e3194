/**
 * What went wrong with a file, in words a user acts on. Node's own messages carry the syscall and path
 * ("EACCES: permission denied, open '…'"), which the caller already names.
 */
export function ioProblem(e: unknown): string {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'ENOTDIR':
    // mkdir of a directory that exists as a file
    case 'EEXIST':
      return 'a part of the path is not a directory';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EIO':
      return 'the device reported an I/O error';
    default: {
      let message: string;
      try {
        message = e instanceof Error ? e.message : String(e);
      } catch {
        message = 'unknown error';
      }
      return message.split('\n')[0]!;
    }
  }
}
