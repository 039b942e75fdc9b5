<?php
$page = (int) ($_GET['page'] ?? 1);
$total = 12;
echo "<p>Page {$page} of {$total}</p>";
echo '<a href="?page=' . ($page + 1) . '">Next</a>';
