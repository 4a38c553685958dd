"""Read-only admin pages for the question bank: the bank is edited on disk and synced."""

from django.contrib import admin

from references.models import Question, QuestionVersion


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class VersionInline(admin.TabularInline):
    model = QuestionVersion
    fields = ("content_hash", "title", "kind", "difficulty", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    list_display = ("section", "slug", "order", "current", "retired")
    list_filter = ("section", "retired")
    search_fields = ("slug",)
    inlines = [VersionInline]


@admin.register(QuestionVersion)
class QuestionVersionAdmin(ReadOnlyAdmin):
    list_display = ("question", "title", "kind", "difficulty", "has_coding", "created_at", "short_hash")
    list_filter = ("kind", "difficulty", "has_coding")
    search_fields = ("title", "question__slug")

    @admin.display(description="hash")
    def short_hash(self, version):
        return version.content_hash[:12]
