"""View › Chinese in Simplified / Traditional: the article, the list's titles and sources and the
tree's tags, categories and authors switch together, live; URLs and images are never touched."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextImageFormat

from gui_helpers import GUIDE, make_window
from helpers import write_post
from reader.core.queries import Scope
from reader.gui.actions import ActionId
from reader.gui.list_model import Column

TAIWAN = "_posts/2024-12-01-臺灣.md"
COPY = "archived/2024-12-01/2024-12-01-臺灣.md"  # the same post, archived and re-scraped: a second file
REMOTE = "https://lectern.invalid/remote-figure.png"


@pytest.fixture
def window(qtbot, tmp_path):
    archive = tmp_path / "archive"
    shutil.copytree(GUIDE, archive)
    post = write_post(archive / "_posts", "2024-12-01-臺灣.md", """
title: "臺灣的電視節目"
date: 2024-12-01
author: 張三豐
tags: [電視, 臺灣]
categories: [ 觀察 ]
""", f'<p>這是一篇關於電視節目的文章。</p>\n<p><img src="{REMOTE}" alt="節目截圖"></p>\n'
       '<p>後記。</p>\n')
    (archive / COPY).parent.mkdir(parents=True)
    shutil.copy(post, archive / COPY)
    return make_window(qtbot, archive)


def trigger(window, action: ActionId) -> None:
    window.actions_by_id[action].trigger()  # as the View menu does


def list_text(window, path: str, column: Column, role=Qt.ItemDataRole.DisplayRole) -> str:
    model = window.list_pane.model
    (row,) = [i for i in range(model.rowCount()) if model.post(i).path == path]
    return model.data(model.index(row, column), role)


def tree_text(window, scope: Scope, role=Qt.ItemDataRole.DisplayRole) -> str:
    model = window.tree_pane.model
    return model.data(model.index_of_scope(scope), role)


def images_in(view) -> list[str]:
    """The names of the images the document lays out (a remote one would draw as a broken image)."""
    names = []
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                names.append(QTextImageFormat(fmt).name())
            it += 1
        block = block.next()
    return names


def test_simplified_converts_list_titles_sources_and_tree_labels_live(window):
    assert list_text(window, TAIWAN, Column.TITLE) == "臺灣的電視節目"
    trigger(window, ActionId.SCRIPT_SIMPLIFIED)
    assert list_text(window, TAIWAN, Column.TITLE) == "台湾的电视节目"
    assert list_text(window, TAIWAN, Column.SOURCE) == "张三丰"
    assert list_text(window, TAIWAN, Column.TITLE, Qt.ItemDataRole.ToolTipRole).startswith("台湾的电视节目")
    accessible = list_text(window, TAIWAN, Column.TITLE, Qt.ItemDataRole.AccessibleTextRole)
    assert accessible.startswith("台湾的电视节目")
    assert tree_text(window, Scope("tag", "電視")) == "电视"
    assert tree_text(window, Scope("category", "觀察")) == "观察"
    assert tree_text(window, Scope("author", "張三豐")) == "张三丰"
    assert tree_text(window, Scope("tag", "電視"), Qt.ItemDataRole.AccessibleTextRole).startswith("电视")
    # the tree's own entries are UI text, in the UI language: never converted
    assert tree_text(window, Scope("all")) == "All posts"
    # the entries still select the posts as the files name them
    assert window.scopes.select_scope(Scope("tag", "電視")) and window.list_pane.model.rowCount() == 1
    trigger(window, ActionId.SCRIPT_TRADITIONAL)
    assert list_text(window, TAIWAN, Column.TITLE) == "臺灣的電視節目"
    assert tree_text(window, Scope("category", "指南")) == "指南"
    trigger(window, ActionId.SCRIPT_AS_WRITTEN)
    assert list_text(window, TAIWAN, Column.SOURCE) == "張三豐"
    assert tree_text(window, Scope("tag", "電視")) == "電視"


def test_traditional_converts_simplified_labels(window):
    trigger(window, ActionId.SCRIPT_TRADITIONAL)
    assert tree_text(window, Scope("tag", "隐私")) == "隱私"
    assert list_text(window, "_posts/2024-03-16-jianpan.md", Column.TITLE) == "鍵盤操作一覽"


def test_the_article_converts_and_its_image_stays_a_placeholder(window):
    window.reading.open_post_path(TAIWAN)
    view = window.article_pane.view
    assert "[Image: 節目截圖]" in view.toPlainText()
    assert images_in(view) == []
    trigger(window, ActionId.SCRIPT_SIMPLIFIED)
    text = view.toPlainText()
    assert text.startswith("台湾的电视节目") and "这是一篇关于电视节目的文章" in text
    assert "[Image: 节目截图]" in text  # still the placeholder, its words converted
    assert images_in(view) == []  # not a broken image
    assert REMOTE not in view.html_shown
    assert f"also at {COPY}" in text  # a file name is a name: never converted
    trigger(window, ActionId.SCRIPT_AS_WRITTEN)
    assert "[Image: 節目截圖]" in view.toPlainText() and images_in(view) == []


def test_a_switch_never_touches_urls(window):
    window.reading.open_post_path("_posts/2024-09-10-images-and-privacy.md")  # a local image and a remote one
    view = window.article_pane.view
    local = [name for name in images_in(view) if name.startswith("file:")]
    assert len(local) == 1
    trigger(window, ActionId.SCRIPT_TRADITIONAL)
    assert images_in(view) == local
    window.reading.open_post_path(TAIWAN)
    trigger(window, ActionId.SCRIPT_SIMPLIFIED)
    assert 'href="lectern-scope:tag/%E9%9B%BB%E8%A6%96"' in view.html_shown  # the tag as the file names it
    assert ">#电视<" in view.html_shown
