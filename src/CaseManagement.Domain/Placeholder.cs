namespace CaseManagement.Domain; public static class Placeholder {}
