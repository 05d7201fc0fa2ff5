/// A line diff by longest common subsequence: runs of equal, inserted and deleted lines, in order.
enum LineDiff {
    enum Op: String, Sendable { case equal, insert, delete }

    struct Run: Sendable, Equatable {
        let op: Op
        let text: String
    }

    /// The runs turning `old` into `new`; each run's text is its lines joined by newlines.
    static func runs(_ old: String, _ new: String) -> [Run] {
        let a = lines(old), b = lines(new)
        // Common prefix and suffix first: most edits touch a few lines of a long prompt.
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let midA = Array(a[prefix..<(a.count - suffix)]), midB = Array(b[prefix..<(b.count - suffix)])
        var ops: [(Op, String)] = a[..<prefix].map { (.equal, $0) }
        // table[i][j]: length of the LCS of midA[i...] and midB[j...]
        var table = Array(repeating: Array(repeating: 0, count: midB.count + 1), count: midA.count + 1)
        for i in stride(from: midA.count - 1, through: 0, by: -1) {
            for j in stride(from: midB.count - 1, through: 0, by: -1) {
                table[i][j] = midA[i] == midB[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var i = 0, j = 0
        while i < midA.count || j < midB.count {
            if i < midA.count, j < midB.count, midA[i] == midB[j] {
                ops.append((.equal, midA[i])); i += 1; j += 1
            } else if i < midA.count, j == midB.count || table[i + 1][j] >= table[i][j + 1] {
                ops.append((.delete, midA[i])); i += 1
            } else {
                ops.append((.insert, midB[j])); j += 1
            }
        }
        ops += a[(a.count - suffix)...].map { (.equal, $0) }
        var runs: [(Op, [String])] = []
        for (op, line) in ops {
            if let last = runs.last, last.0 == op { runs[runs.count - 1].1.append(line) } else { runs.append((op, [line])) }
        }
        return runs.map { Run(op: $0.0, text: $0.1.joined(separator: "\n")) }
    }

    private static func lines(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
