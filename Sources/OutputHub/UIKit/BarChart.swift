import Foundation

/// A bar chart drawn on the server as SVG: one bar per labelled value, the largest value on the axis,
/// each bar's label and value in its tooltip.
struct BarChart {
    var title: String
    var bars: [(label: String, value: Double)]
    var format: (Double) -> String = { RowEncoding.number($0) }

    var svg: HTML {
        let width = 600.0, height = 170.0, top = 14.0, bottom = 22.0, left = 4.0
        let maximum = max(bars.map(\.value).max() ?? 0, 1e-9)
        let slot = (width - left) / Double(max(bars.count, 1))
        var shapes: HTML = "<line class=\"axis\" x1=\"0\" y1=\"\(Int(height - bottom))\" x2=\"\(Int(width))\" y2=\"\(Int(height - bottom))\"/>"
        for (i, bar) in bars.enumerated() {
            let h = (height - top - bottom) * bar.value / maximum
            let x = left + Double(i) * slot + slot * 0.15
            shapes += HTML(raw: String(format: "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">", x, height - bottom - h, slot * 0.7, h))
            shapes += "<title>\(bar.label): \(format(bar.value))</title></rect>"
        }
        if let first = bars.first, let last = bars.last {
            shapes += "<text x=\"0\" y=\"\(Int(height - 6))\">\(first.label)</text>"
            shapes += "<text x=\"\(Int(width))\" y=\"\(Int(height - 6))\" text-anchor=\"end\">\(last.label)</text>"
        }
        shapes += "<text x=\"0\" y=\"10\">max \(format(bars.map(\.value).max() ?? 0))</text>"
        let total = format(bars.map(\.value).reduce(0, +))
        return """
            <figure class="card"><figcaption><h2>\(title)</h2><span class="muted">Total \(total)</span></figcaption>
            <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(title): total \(total)">\(shapes)</svg></figure>
            """
    }
}
