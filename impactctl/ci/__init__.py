"""What impactctl does inside a CI pipeline beyond checking: posting the maturity diff on
a merge request (GitLab) or pull request (Azure DevOps)."""
