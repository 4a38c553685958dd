"""Grading: submissions, judging sandbox observations against expected results outside the
sandbox, the rubric and STAR graders for free-text answers, scores, the Celery tasks that drive
a grading run and the WebSocket consumer that streams results to the owner. It may import
references and sandbox, nothing else of ours.
"""
