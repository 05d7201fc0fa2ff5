@testable import OutputHub
import Testing

/// The admin UI's Markdown subset: what it renders, and that nothing in the source becomes markup or script.
@Suite struct MarkdownTests {
    static func html(_ source: String) -> String { Markdown.html(source).raw }

    @Test func blocks() {
        #expect(Self.html("# Title\nfirst line\nsecond line\n\nnext") == "<h3>Title</h3><p>first line<br>second line</p><p>next</p>")
        #expect(Self.html("- one\n- two\n  more\n\n1. a\n2) b") == "<ul><li>one</li><li>two<br>more</li></ul><ol><li>a</li><li>b</li></ol>")
        #expect(Self.html("> quoted **bold**\n> again\n\n---") == "<blockquote><p>quoted <strong>bold</strong><br>again</p></blockquote><hr>")
        #expect(Self.html("```swift\nlet a = \"<b>\" * 2\n```\nafter") == "<pre><code class=\"language-swift\">let a = &quot;&lt;b&gt;&quot; * 2</code></pre><p>after</p>")
        #expect(Self.html("```\"><script>\nunclosed") == "<pre><code>unclosed</code></pre>", "an unsafe language name is dropped")
        #expect(Self.html("####### seven") == "<p>####### seven</p>")
        #expect(Self.html("#hashtag") == "<p>#hashtag</p>")
    }

    @Test func inline() {
        #expect(Self.html("**strong** and *em* and _em_ and `a < b`") == "<p><strong>strong</strong> and <em>em</em> and <em>em</em> and <code>a &lt; b</code></p>")
        #expect(Self.html("snake_case_name and 2 * 3 * 4") == "<p>snake_case_name and 2 * 3 * 4</p>")
        #expect(Self.html("\\*literal\\* {{variable}}") == "<p>*literal* {{variable}}</p>")
        #expect(Self.html("unclosed **bold and `code and [link") == "<p>unclosed **bold and `code and [link</p>")
        let stars = String(repeating: "*a [b x_c ", count: 10_000) + "end"
        let unchanged = Self.html(stars) == "<p>" + stars + "</p>"
        #expect(unchanged, "unclosed markers everywhere stay text")
    }

    @Test func linksAndHTMLStaySafe() {
        #expect(Self.html("[site](https://example.com/a?b=1&c=2)") == "<p><a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"noopener noreferrer\">site</a></p>")
        #expect(Self.html("[mail](mailto:a@b.c) [here](/admin/prompts) [top](#x)").components(separatedBy: "<a href=").count == 4)
        for unsafe in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "//evil.example", "vbscript:x"] {
            #expect(!Self.html("[x](\(unsafe))").contains("<a "), "\(unsafe)")
        }
        #expect(Self.html("<img src=x onerror=alert(1)> & \"quotes\"") == "<p>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;</p>")
        #expect(Self.html("[**bold** <i>](https://example.com)") == "<p><a href=\"https://example.com\" rel=\"noopener noreferrer\"><strong>bold</strong> &lt;i&gt;</a></p>")
    }

    @Test func formatColumnsNameAColumnOfTheirTable() {
        for table in Catalog.tables {
            for column in table.columns {
                guard let format = column.formatColumn else { continue }
                #expect(table.column(format) != nil, "\(table.name).\(column.name) is formatted by a missing column \(format)")
            }
        }
        #expect(Catalog.tables.contains { $0.columns.contains { $0.formatColumn != nil } })
    }
}
