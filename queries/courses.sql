-- Course facts.
SELECT c.*, v.weekly_topics FROM courses c JOIN v_courses v USING (course_code) ORDER BY course_code
