/// Martin Porter's stemming algorithm (1980, with the published revisions `bli → ble` and `logi → log`), as
/// SQLite's FTS5 `porter` tokenizer applies it to lowercase tokens of 3 to 64 bytes (digits count as consonants). Search uses it
/// to find a query word's term in the full-text index's vocabulary (how many chunks hold it) without asking
/// the database to tokenize. A test checks it against SQLite's own tokenizer on a real vocabulary.
enum PorterStemmer {
    /// The stem of `word` (lowercase); words outside the tokenizer's range, or with other than ASCII
    /// letters and digits, come back as they are.
    static func stem(_ word: String) -> String {
        let letters = Array(word.utf8)
        guard (3...64).contains(letters.count), letters.allSatisfy(isPlain) else { return word }
        var w = Word(letters)
        w.step1a()
        w.step1b()
        w.step1c()
        w.apply(step2)
        w.apply(step3)
        w.apply(step4)
        w.step5()
        return String(decoding: w.letters, as: UTF8.self)
    }

    /// An ASCII lowercase letter or digit.
    static func isPlain(_ byte: UInt8) -> Bool { (97...122).contains(byte) || (48...57).contains(byte) }

    /// What the stem before a suffix must satisfy: measure above 0, above 1, or above 1 ending in s or t.
    enum Condition: Sendable {
        case m0, m1, m1EndingSOrT

        func holds(_ word: Word, _ n: Int) -> Bool {
            switch self {
            case .m0: return word.measure(n) > 0
            case .m1: return word.measure(n) > 1
            case .m1EndingSOrT: return n > 0 && (word.letters[n - 1] == 115 || word.letters[n - 1] == 116) && word.measure(n) > 1
            }
        }
    }

    /// A rule: replace `suffix` by `replacement` when the stem before it satisfies `condition`.
    struct Rule: Sendable {
        let suffix: [UInt8]
        let replacement: [UInt8]
        let condition: Condition

        init(_ suffix: String, _ replacement: String, _ condition: Condition) {
            self.suffix = Array(suffix.utf8)
            self.replacement = Array(replacement.utf8)
            self.condition = condition
        }
    }

    static let step2: [Rule] = [
        Rule("ational", "ate", .m0), Rule("tional", "tion", .m0), Rule("enci", "ence", .m0), Rule("anci", "ance", .m0),
        Rule("izer", "ize", .m0), Rule("logi", "log", .m0), Rule("bli", "ble", .m0), Rule("alli", "al", .m0),
        Rule("entli", "ent", .m0), Rule("eli", "e", .m0), Rule("ousli", "ous", .m0), Rule("ization", "ize", .m0),
        Rule("ation", "ate", .m0), Rule("ator", "ate", .m0), Rule("alism", "al", .m0), Rule("iveness", "ive", .m0),
        Rule("fulness", "ful", .m0), Rule("ousness", "ous", .m0), Rule("aliti", "al", .m0), Rule("iviti", "ive", .m0),
        Rule("biliti", "ble", .m0),
    ]

    static let step3: [Rule] = [
        Rule("icate", "ic", .m0), Rule("ative", "", .m0), Rule("alize", "al", .m0), Rule("iciti", "ic", .m0),
        Rule("ical", "ic", .m0), Rule("ful", "", .m0), Rule("ness", "", .m0),
    ]

    static let step4: [Rule] = [
        Rule("al", "", .m1), Rule("ance", "", .m1), Rule("ence", "", .m1), Rule("er", "", .m1), Rule("ic", "", .m1),
        Rule("able", "", .m1), Rule("ible", "", .m1), Rule("ant", "", .m1), Rule("ement", "", .m1), Rule("ment", "", .m1),
        Rule("ent", "", .m1), Rule("ion", "", .m1EndingSOrT), Rule("ou", "", .m1), Rule("ism", "", .m1), Rule("ate", "", .m1),
        Rule("iti", "", .m1), Rule("ous", "", .m1), Rule("ive", "", .m1), Rule("ize", "", .m1),
    ]

    /// A word being stemmed, as ASCII letters.
    struct Word {
        var letters: [UInt8]

        init(_ letters: [UInt8]) { self.letters = letters }

        var count: Int { letters.count }

        /// Whether the letter at `i` is a consonant: not a vowel, and `y` only after a vowel (or first).
        func isConsonant(_ i: Int) -> Bool {
            switch letters[i] {
            case 97, 101, 105, 111, 117: return false  // a e i o u
            case 121: return i == 0 || !isConsonant(i - 1)  // y
            default: return true
            }
        }

        /// m in [C](VC)^m[V] of the first `n` letters.
        func measure(_ n: Int) -> Int {
            var m = 0, i = 0
            while i < n && isConsonant(i) { i += 1 }
            while i < n {
                while i < n && !isConsonant(i) { i += 1 }
                guard i < n else { break }
                m += 1
                while i < n && isConsonant(i) { i += 1 }
            }
            return m
        }

        func hasVowel(_ n: Int) -> Bool { (0..<n).contains { !isConsonant($0) } }

        func endsWith(_ suffix: [UInt8]) -> Bool { count >= suffix.count && letters[(count - suffix.count)...].elementsEqual(suffix) }

        func endsWithDoubleConsonant(_ n: Int) -> Bool { n >= 2 && letters[n - 1] == letters[n - 2] && isConsonant(n - 1) }

        /// *o: the first `n` letters end consonant–vowel–consonant, the last not w, x or y.
        func endsCVC(_ n: Int) -> Bool {
            guard n >= 3, isConsonant(n - 1), !isConsonant(n - 2), isConsonant(n - 3) else { return false }
            return ![119, 120, 121].contains(letters[n - 1])
        }

        mutating func replace(_ suffixLength: Int, with replacement: [UInt8]) {
            letters.removeLast(suffixLength)
            letters += replacement
        }

        /// The longest rule whose suffix the word ends with (keeping a non-empty stem) applies when its
        /// condition holds; either way no other rule of the step is tried.
        mutating func apply(_ rules: [Rule]) {
            guard let rule = rules.filter({ count > $0.suffix.count && endsWith($0.suffix) }).max(by: { $0.suffix.count < $1.suffix.count }) else { return }
            if rule.condition.holds(self, count - rule.suffix.count) { replace(rule.suffix.count, with: rule.replacement) }
        }

        mutating func step1a() {
            if endsWith(Array("sses".utf8)) || endsWith(Array("ies".utf8)) {
                letters.removeLast(2)
            } else if endsWith(Array("ss".utf8)) {
                return
            } else if endsWith(Array("s".utf8)) {
                letters.removeLast()
            }
        }

        mutating func step1b() {
            if endsWith(Array("eed".utf8)) {
                if measure(count - 3) > 0 { letters.removeLast() }
                return
            }
            var removed = false
            for suffix in ["ed", "ing"] where endsWith(Array(suffix.utf8)) && hasVowel(count - suffix.utf8.count) {
                letters.removeLast(suffix.utf8.count)
                removed = true
                break
            }
            guard removed else { return }
            if endsWith(Array("at".utf8)) || endsWith(Array("bl".utf8)) || endsWith(Array("iz".utf8)) {
                letters.append(101)  // e
            } else if endsWithDoubleConsonant(count), ![108, 115, 122].contains(letters[count - 1]) {  // not l, s, z
                letters.removeLast()
            } else if measure(count) == 1 && endsCVC(count) {
                letters.append(101)
            }
        }

        mutating func step1c() {
            if count > 1, letters[count - 1] == 121, hasVowel(count - 1) { letters[count - 1] = 105 }  // y → i
        }

        mutating func step5() {
            if letters[count - 1] == 101 {  // e
                let m = measure(count - 1)
                if m > 1 || (m == 1 && !endsCVC(count - 1)) { letters.removeLast() }
            }
            if letters[count - 1] == 108, endsWithDoubleConsonant(count), measure(count) > 1 { letters.removeLast() }  // ll
        }
    }
}
