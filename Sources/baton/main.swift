import BatonCLI
import Foundation

// A sendmail that exits without reading its input must not kill Baton with SIGPIPE: Foundation on Linux does not
// ignore it.
signal(SIGPIPE, SIG_IGN)
// A file-size limit (`ulimit -f`) reached by the store must be an I/O error (exit 74), not death by SIGXFSZ.
signal(SIGXFSZ, SIG_IGN)
exit(BatonMain.run(Array(CommandLine.arguments.dropFirst()), exitsAfter: true))
