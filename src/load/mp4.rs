//! The length of an MP4/MOV video, read from its `moov/mvhd` box (ISO/IEC 14496-12
//! §8.2.2), so YouTube and TikTok previews can show it on the thumbnail as the network
//! does. Only box headers are read, by seeking: a large video costs a few reads.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// The most boxes looked at on one level before giving up (a broken file loops no longer).
const MOST_BOXES: usize = 64;

/// The video's length in whole seconds, or `None` when the file is no MP4 this reads.
pub(super) fn duration_seconds(path: &Path) -> Option<u64> {
    let mut file = File::open(path).ok()?;
    let end = file.metadata().ok()?.len();
    let (moov_start, moov_end) = find_box(&mut file, 0, end, b"moov")?;
    let (mvhd_start, _) = find_box(&mut file, moov_start, moov_end, b"mvhd")?;
    file.seek(SeekFrom::Start(mvhd_start)).ok()?;
    let mut version = [0u8; 4];
    file.read_exact(&mut version).ok()?;
    let (timescale, duration) = if version[0] == 1 {
        let mut b = [0u8; 28];
        file.read_exact(&mut b).ok()?;
        (
            read_u32(&b[16..20]),
            u64::from_be_bytes(b[20..28].try_into().ok()?),
        )
    } else {
        let mut b = [0u8; 16];
        file.read_exact(&mut b).ok()?;
        (read_u32(&b[8..12]), u64::from(read_u32(&b[12..16])))
    };
    (timescale > 0 && duration != u64::MAX && duration != u64::from(u32::MAX))
        .then(|| duration / u64::from(timescale))
}

/// The content range (after the header) of the first box named `name` between `start`
/// and `end`.
fn find_box(file: &mut File, start: u64, end: u64, name: &[u8; 4]) -> Option<(u64, u64)> {
    let mut at = start;
    for _ in 0..MOST_BOXES {
        if at.checked_add(8)? > end {
            return None;
        }
        file.seek(SeekFrom::Start(at)).ok()?;
        let mut header = [0u8; 8];
        file.read_exact(&mut header).ok()?;
        let mut size = u64::from(read_u32(&header[0..4]));
        let mut content = at + 8;
        if size == 1 {
            let mut large = [0u8; 8];
            file.read_exact(&mut large).ok()?;
            size = u64::from_be_bytes(large);
            content += 8;
        } else if size == 0 {
            size = end - at;
        }
        let box_end = at.checked_add(size)?.min(end);
        if size < content - at {
            return None;
        }
        if &header[4..8] == name {
            return Some((content, box_end));
        }
        at = box_end;
    }
    None
}

/// A big-endian u32 from 4 bytes.
fn read_u32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A box of `name` around `content`.
    fn mp4_box(name: &[u8; 4], content: &[u8]) -> Vec<u8> {
        let mut b = ((content.len() + 8) as u32).to_be_bytes().to_vec();
        b.extend_from_slice(name);
        b.extend_from_slice(content);
        b
    }

    #[test]
    fn reads_the_length_from_mvhd_and_refuses_other_files() {
        let mut mvhd = vec![0u8; 4]; // version 0, flags
        mvhd.extend_from_slice(&[0; 8]); // creation, modification
        mvhd.extend_from_slice(&1000u32.to_be_bytes()); // timescale
        mvhd.extend_from_slice(&95_500u32.to_be_bytes()); // duration: 95.5 s
        let file = [
            mp4_box(b"ftyp", b"isom"),
            mp4_box(b"moov", &mp4_box(b"mvhd", &mvhd)),
        ]
        .concat();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.mp4");
        std::fs::write(&path, file).unwrap();
        assert_eq!(duration_seconds(&path), Some(95));
        std::fs::write(&path, b"not a video at all").unwrap();
        assert_eq!(duration_seconds(&path), None);
        std::fs::write(&path, [0u8, 0, 0, 4, b'm', b'o', b'o', b'v']).unwrap();
        assert_eq!(duration_seconds(&path), None);
    }
}
