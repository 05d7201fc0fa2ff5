public enum OutputHubVersion { public static let current = "0.1.0" }
