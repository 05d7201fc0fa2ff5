import OutputHub

/// The `outputhub` executable: all commands live in the OutputHub library.
@main
struct OutputHubMain: AsyncParsableCommand {
    static let configuration = OutputHubCommand.configuration
}
