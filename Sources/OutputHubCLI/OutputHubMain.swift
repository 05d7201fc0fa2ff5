import NIOCore
import NIOPosix
import OutputHub

/// The `outputhub` executable: all commands live in the OutputHub library.
@main
enum OutputHubMain {
    static func main() async {
        // Run Swift concurrency on NIO's event loop threads: an async request handler then continues on the
        // thread that serves its connection instead of hopping to a separate pool and back for every await.
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await OutputHubCommand.main()
    }
}
