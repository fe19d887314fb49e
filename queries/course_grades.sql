-- Grade bands of a course.
SELECT min_points, max_points, grade_word, letter FROM course_grades WHERE course_code = $course
ORDER BY min_points DESC
