<?php
function find_comments(mysqli $db, string $author): array
{
    $sql = "SELECT body, created_at FROM comments WHERE author = '" . $author . "'";
    return $db->query($sql)->fetch_all(MYSQLI_ASSOC);
}

$db = new mysqli('localhost', 'blog', getenv('BLOG_DB_PASS'), 'blog');
$author = $_REQUEST['author'] ?? '';
foreach (find_comments($db, $author) as $comment) {
    printf("<p>%s</p>\n", htmlspecialchars($comment['body']));
}
