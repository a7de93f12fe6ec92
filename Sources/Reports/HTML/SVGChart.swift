import BatonCore

/// An inline SVG drawing built element by element, in viewBox units: every data string is escaped on the way in,
/// every colour comes from a CSS class (so the page's light, dark and print rules apply), and the result carries
/// `role="img"`, an `aria-label` and a `<title>` for screen readers.
struct SVGChart {
    /// How a `<text>` is anchored at its x.
    enum Anchor: String {
        case start, middle, end
    }

    /// The viewBox's size (the height may be set once the content is laid out); the element scales to the page's
    /// width.
    var width: Double
    var height: Double
    private var body: [String] = []

    /// An empty drawing of `width` × `height` viewBox units.
    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// A rectangle; `title` (a data string, escaped here) is its tooltip.
    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, className: String, title: String? = nil
    ) {
        let attributes =
            "class=\"\(className)\" x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" "
            + "width=\"\(Self.number(max(0, width)))\" height=\"\(Self.number(max(0, height)))\""
        if let title {
            body.append("<rect \(attributes)><title>\(HTMLEscaping.escape(title))</title></rect>")
        } else {
            body.append("<rect \(attributes)/>")
        }
    }

    /// A text label (a data string, escaped here); `title` is a tooltip, used for the full form of a truncated
    /// label.
    mutating func text(
        _ string: String, x: Double, y: Double, anchor: Anchor = .start, className: String = "label",
        title: String? = nil
    ) {
        let tooltip = title.map { "<title>\(HTMLEscaping.escape($0))</title>" } ?? ""
        body.append(
            "<text class=\"\(className)\" x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" "
                + "text-anchor=\"\(anchor.rawValue)\">\(tooltip)\(HTMLEscaping.escape(string))</text>")
    }

    /// A straight line (axes, grid lines, legend strokes).
    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, className: String) {
        body.append(
            "<line class=\"\(className)\" x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" "
                + "x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\"/>")
    }

    /// A polyline through `points`, broken wherever a point is nil (a week without a figure).
    mutating func polyline(_ points: [(x: Double, y: Double)?], className: String) {
        var d = ""
        var penDown = false
        for point in points {
            guard let point else {
                penDown = false
                continue
            }
            d += "\(penDown ? "L" : "M")\(Self.number(point.x)) \(Self.number(point.y)) "
            penDown = true
        }
        guard !d.isEmpty else { return }
        body.append("<path class=\"\(className)\" d=\"\(d.dropLast())\"/>")
    }

    /// A dot; `title` is its tooltip.
    mutating func circle(cx: Double, cy: Double, r: Double, className: String, title: String? = nil) {
        let attributes =
            "class=\"\(className)\" cx=\"\(Self.number(cx))\" cy=\"\(Self.number(cy))\" r=\"\(Self.number(r))\""
        if let title {
            body.append("<circle \(attributes)><title>\(HTMLEscaping.escape(title))</title></circle>")
        } else {
            body.append("<circle \(attributes)/>")
        }
    }

    /// The `<svg>` element: `label` (escaped here) is both its accessible name and its `<title>`; `id` must be
    /// unique in the page.
    func render(id: String, label: String) -> String {
        let escaped = HTMLEscaping.escape(label)
        var out =
            "<svg class=\"chart\" id=\"\(id)\" role=\"img\" aria-label=\"\(escaped)\" "
            + "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" "
            + "preserveAspectRatio=\"xMinYMin meet\">\n<title>\(escaped)</title>\n"
        for element in body {
            out += element
            out += "\n"
        }
        out += "</svg>"
        return out
    }

    /// A coordinate with at most one decimal and no trailing `.0`: `12`, `12.5`, `-3.2`.
    static func number(_ value: Double) -> String {
        let tenths = Int((abs(value) * 10).rounded())
        let sign = value < 0 && tenths > 0 ? "-" : ""
        return tenths % 10 == 0 ? "\(sign)\(tenths / 10)" : "\(sign)\(tenths / 10).\(tenths % 10)"
    }

    /// Axis ticks from 0 to at least `maximum`, at a step of 1, 2 or 5 × 10ⁿ, about `target` of them.
    static func ticks(upTo maximum: Int, target: Int = 4) -> [Int] {
        guard maximum > 0 else { return [0, 1] }
        var scale = 1
        var step = 1
        search: while true {
            for multiple in [1, 2, 5] where (maximum + multiple * scale - 1) / (multiple * scale) <= target {
                step = multiple * scale
                break search
            }
            scale *= 10
        }
        let top = (maximum + step - 1) / step * step
        return Array(stride(from: 0, through: top, by: step))
    }
}
