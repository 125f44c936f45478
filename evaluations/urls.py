from django.urls import path

from .views import appraisals, leaving, mine, reviews, rounds

app_name = "evaluations"

urlpatterns = [
    path("", appraisals.appraisal_list, name="appraisal_list"),
    path("mine/", appraisals.my_appraisals, name="my_appraisals"),
    path("<int:pk>/", appraisals.appraisal_detail, name="appraisal_detail"),
    path("<int:pk>/file/", appraisals.appraisal_file, name="appraisal_file"),
    path("<int:pk>/confirm/", appraisals.appraisal_confirm, name="appraisal_confirm"),
    path("<int:pk>/return/", appraisals.appraisal_return, name="appraisal_return"),
    path("rounds/", rounds.round_list, name="round_list"),
    path("rounds/new/", rounds.round_create, name="round_create"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round_detail"),
    path("rounds/<int:pk>/add/", rounds.round_extend, name="round_extend"),
    path("rounds/<int:pk>/close/", rounds.round_close, name="round_close"),
    path("reviews/", reviews.review_list, name="review_list"),
    path("reviews/start/<int:pk>/", reviews.review_start, name="review_start"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review_detail"),
    path("reviews/<int:pk>/self-summary/", reviews.review_self_summary, name="review_self_summary"),
    path("reviews/<int:pk>/my-summary/", mine.my_self_summary, name="my_self_summary"),
    path("reviews/<int:pk>/self-summary/file/", reviews.review_summary_file, name="review_summary_file"),
    path("reviews/<int:pk>/rating/", reviews.review_rating, name="review_rating"),
    path("reviews/<int:pk>/opinion/", reviews.review_opinion, name="review_opinion"),
    path("reviews/<int:pk>/feedback/", reviews.review_feedback, name="review_feedback"),
    path("reviews/<int:pk>/archive/", reviews.review_archive, name="review_archive"),
    path("reviews/<int:pk>/exit/<int:entry_pk>/done/", leaving.exit_step_done, name="exit_step_done"),
    path("reviews/<int:pk>/exit/<int:entry_pk>/undo/", leaving.exit_step_undo, name="exit_step_undo"),
    path("reviews/<int:pk>/letter.docx", leaving.feedback_letter, name="feedback_letter"),
    path("reviews/<int:pk>/receipt/", leaving.feedback_acknowledge, name="feedback_acknowledge"),
    path("reviews/<int:pk>/form/", reviews.review_print, name="review_print"),
    path("reviews/<int:pk>/form.docx", reviews.review_download, name="review_download"),
    path("reviews/forms/", reviews.review_forms, name="review_forms"),
    path("reviews/forms.docx", reviews.review_forms_download, name="review_forms_download"),
]
