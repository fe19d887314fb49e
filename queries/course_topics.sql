-- Weekly topics of a course.
SELECT week, title, content FROM course_topics WHERE course_code = $course ORDER BY week
