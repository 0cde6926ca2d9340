"""The issue list is written in two parts (the issues; the saved searches and keys): no part
may hide another's name, and the messages keep the list's name."""

from __future__ import annotations

from widgets.issue_list import IssueList
from widgets.issue_list_issues import IssueListIssues
from widgets.row_list import RowList

#: What Python and Textual put in every widget class's own namespace.
MACHINERY = set(vars(type("EmptyRowList", (RowList,), {})))


def test_the_saved_searches_part_hides_no_name_of_the_issues_part() -> None:
    shared = set(vars(IssueListIssues)) & set(vars(IssueList)) - MACHINERY - {"__annotations__"}
    assert not shared


def test_the_issue_messages_keep_the_lists_name() -> None:
    assert IssueList.Highlighted.handler_name == "on_issue_list_highlighted"
    assert IssueList.Chosen.handler_name == "on_issue_list_chosen"
