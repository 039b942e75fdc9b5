<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

class DownloadLinkController extends Controller
{
    public function create(Request $request, int $fileId)
    {
        $expires = now()->addHour()->timestamp;
        $signature = md5(config('app.key') . $fileId . $expires);
        return response()->json(['url' => url("/files/{$fileId}?expires={$expires}&sig={$signature}")]);
    }
}
