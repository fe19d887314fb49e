-- Assessment components of a course and their weights.
SELECT component, points, percent FROM course_assessment WHERE course_code = $course ORDER BY pos
