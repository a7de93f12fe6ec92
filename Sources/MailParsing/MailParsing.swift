/// Pure mail parsing: RFC 5322, MIME, mbox and Maildir (filled by the mail-reading work).
public enum MailParsing {}
