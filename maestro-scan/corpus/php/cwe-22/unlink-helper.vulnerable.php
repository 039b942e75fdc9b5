<?php
function avatar_path(string $userFile): string
{
    return '/var/www/public/avatars/' . $userFile;
}

session_start();
if (isset($_SESSION['user_id'], $_POST['avatar'])) {
    unlink(avatar_path($_POST['avatar']));
}
header('Location: /profile');
