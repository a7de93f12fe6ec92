public enum CRM {}
