/// Free-mail providers: a shared domain says nothing about a company, so it never names one (company-domain
/// defaults, domain matching). Prefix entries end with `.` and match any suffix (`yahoo.` matches `yahoo.co.uk`).
public enum FreemailDomains {
    /// The shipped list; `matching.freemail_domains` adds to it.
    public static let shipped: [String] = [
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "hotmail.", "outlook.",
        "live.", "yahoo.", "ymail.com", "rocketmail.com", "aol.com", "aim.com", "gmx.", "web.de", "t-online.de",
        "freenet.de", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "protonmail.ch", "pm.me",
        "tutanota.com", "tuta.io", "zoho.com", "zohomail.com", "yandex.", "mail.ru", "inbox.ru", "list.ru", "bk.ru",
        "qq.com", "163.com", "126.com", "sina.com", "naver.com", "hanmail.net", "daum.net", "orange.fr", "wanadoo.fr",
        "free.fr", "laposte.net", "sfr.fr", "libero.it", "virgilio.it", "tiscali.it", "seznam.cz", "wp.pl", "o2.pl",
        "interia.pl", "onet.pl", "rediffmail.com", "fastmail.com", "fastmail.fm", "hey.com", "mail.com", "email.com",
        "btinternet.com", "sky.com", "bluewin.ch", "telenet.be", "skynet.be", "ziggo.nl", "kpnmail.nl", "home.nl",
        "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "cox.net", "charter.net", "earthlink.net",
        "bigpond.com", "optusnet.com.au", "shaw.ca", "rogers.com", "sympatico.ca", "uol.com.br", "bol.com.br",
        "terra.com.br",
    ]

    /// The shipped whole domains, for one lookup, and the prefixes (`hotmail.` is any `hotmail.` domain).
    static let shippedExact = Set(shipped.filter { !$0.hasSuffix(".") })
    static let shippedPrefixes = shipped.filter { $0.hasSuffix(".") }

    /// Whether `domain` (lowercased) is a free-mail domain, given extra entries from the configuration.
    public static func contains(_ domain: String, extra: [String] = []) -> Bool {
        if shippedExact.contains(domain) { return true }
        for entry in shippedPrefixes where domain.hasPrefix(entry) { return true }
        for entry in extra {
            if entry.hasSuffix(".") {
                if domain.hasPrefix(entry) { return true }
            } else if domain == entry {
                return true
            }
        }
        return false
    }
}
