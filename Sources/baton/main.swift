import BatonCLI
import Foundation

// A sendmail that exits without reading its input must not kill Baton with SIGPIPE (STYLE.md).
signal(SIGPIPE, SIG_IGN)
exit(BatonMain.run(Array(CommandLine.arguments.dropFirst())))
