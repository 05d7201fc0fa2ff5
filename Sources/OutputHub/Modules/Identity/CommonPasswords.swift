/// Passwords long enough to pass the length rule that still top every breach list: refused outright.
/// (Compared without case; a password made only of one repeated character is refused too.)
enum CommonPasswords {
    static let list: Set<String> = [
        "1234567890", "12345678910", "123456789a", "0987654321", "9876543210", "1111111111", "0000000000",
        "1234512345", "123123123123", "1q2w3e4r5t", "1q2w3e4r5t6y", "1qaz2wsx3edc", "zaq12wsxcde3", "qazwsxedcrfv",
        "qwertyuiop", "qwertyuiop123", "qwerty1234", "qwerty12345", "qwerty123456", "asdfghjkl1", "asdfghjkl;",
        "zxcvbnm123", "password12", "password01", "password123", "password1234", "password12345", "passw0rd123",
        "p@ssw0rd123", "p@ssword123", "passwordpassword", "password!", "iloveyou12", "iloveyou123", "loveyou123",
        "letmein123", "letmein1234", "welcome123", "welcome1234", "changeme123", "trustno1234", "administrator",
        "admin12345", "admin123456", "adminadmin", "football123", "baseball123", "princess123", "sunshine123",
        "monkey12345", "dragon12345", "superman123", "batman12345", "starwars123", "whatever123", "computer123",
        "internet123", "michael123", "jennifer123", "liverpool1", "chelsea123", "arsenal123", "hello12345",
        "helloworld", "helloworld1", "abc1234567", "abcd123456", "a123456789", "abcdefghij", "abcdefghijk",
        "qwerty123!", "secret1234", "master1234", "shadow1234", "mustang123", "michael1234", "charlie123",
        "thomas1234", "jessica123", "summer2024", "summer2025", "summer2026", "winter2025", "winter2026",
        "spring2026", "autumn2026", "january2026", "november2026", "december2026", "company123", "outputhub1",
        "outputhub123", "correcthorse", "correcthorsebatterystaple",
    ]

    static func contains(_ password: String) -> Bool {
        let lowered = password.lowercased()
        return list.contains(lowered) || Set(lowered).count == 1
    }
}
